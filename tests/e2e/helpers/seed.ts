/**
 * Seeds a running `reelsmith api` over plain HTTP, as another client would: creators signed up
 * and verified (token from the outbox), videos published from real files, reactions and views.
 * Web sessions: no request signing (see README "Sync API").
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { tokenFromOutbox } from './api';

export interface SeedUser {
  id: string;
  username: string;
  email: string;
  password: string;
  accessToken: string;
}

async function request(
  url: string,
  init: { method: string; token?: string; json?: unknown; raw?: Uint8Array; key?: string },
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.key) headers['idempotency-key'] = init.key;
  let body: string | Uint8Array | undefined;
  if (init.raw) {
    body = init.raw;
    headers['content-type'] = 'application/octet-stream';
  } else if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method: init.method, headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method} ${url} answered ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as unknown) : { etag: response.headers.get('etag') };
}

/** Signs up, verifies (token read from the outbox) and signs in a creator. */
export async function seedUser(
  apiUrl: string,
  serverDir: string,
  username: string,
  password = 'correct horse battery',
): Promise<SeedUser> {
  const email = `${username}@example.com`;
  await request(`${apiUrl}/v1/auth/signup`, {
    method: 'POST',
    json: { email, password, username },
  });
  const token = await tokenFromOutbox(serverDir, email, 'verify-email');
  await request(`${apiUrl}/v1/auth/verify`, { method: 'POST', json: { token } });
  const login = (await request(`${apiUrl}/v1/auth/login`, {
    method: 'POST',
    json: { email, password, client: 'web' },
  })) as { accessToken: string; user: { id: string } };
  return { id: login.user.id, username, email, password, accessToken: login.accessToken };
}

async function upload(
  apiUrl: string,
  user: SeedUser,
  kind: 'video' | 'thumbnail',
  data: Buffer,
  contentType: string,
): Promise<string> {
  const created = (await request(`${apiUrl}/v1/uploads`, {
    method: 'POST',
    token: user.accessToken,
    json: {
      kind,
      contentType,
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    },
  })) as { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] };
  const parts: { partNumber: number; etag: string }[] = [];
  for (const part of created.parts) {
    const start = (part.partNumber - 1) * created.partSize;
    const put = (await request(part.url, {
      method: 'PUT',
      token: user.accessToken,
      raw: data.subarray(start, start + created.partSize),
    })) as { etag?: string | null };
    parts.push({ partNumber: part.partNumber, etag: put.etag ?? '' });
  }
  await request(`${apiUrl}/v1/uploads/${created.uploadId}/complete`, {
    method: 'POST',
    token: user.accessToken,
    json: { parts },
  });
  return created.uploadId;
}

/** A real one-second vertical mp4 and a JPEG poster in `dir` (made once, reused). */
export async function sampleMedia(dir: string): Promise<{ video: Buffer; thumbnail: Buffer }> {
  const videoPath = path.join(dir, 'sample.mp4');
  if (!fs.existsSync(videoPath)) {
    const run = spawnSync(
      process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg',
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=360x640:rate=15:duration=1',
        '-pix_fmt',
        'yuv420p',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-y',
        videoPath,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  }
  const thumbnail = await sharp({
    create: { width: 360, height: 640, channels: 3, background: '#3949ab' },
  })
    .jpeg()
    .toBuffer();
  return { video: fs.readFileSync(videoPath), thumbnail };
}

/** Publishes a public video and waits until the server has verified it (status ready). */
export async function seedVideo(
  apiUrl: string,
  user: SeedUser,
  media: { video: Buffer; thumbnail: Buffer },
  title: string,
  /** Made with Recreate from this video (counts as a remix of its creator). */
  sourceVideoId?: string,
): Promise<string> {
  const videoUploadId = await upload(apiUrl, user, 'video', media.video, 'video/mp4');
  const thumbnailUploadId = await upload(apiUrl, user, 'thumbnail', media.thumbnail, 'image/jpeg');
  const video = (await request(`${apiUrl}/v1/videos`, {
    method: 'POST',
    token: user.accessToken,
    key: randomUUID(),
    json: {
      videoUploadId,
      thumbnailUploadId,
      title,
      description: `Seeded by ${user.username}`,
      prompt: `a prompt for ${title}`,
      durationSeconds: 1,
      visibility: 'public',
      ...(sourceVideoId ? { sourceVideoId } : {}),
    },
  })) as { id: string };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const got = (await request(`${apiUrl}/v1/videos/${video.id}`, {
      method: 'GET',
      token: user.accessToken,
    })) as { status: string };
    if (got.status === 'ready') return video.id;
    if (Date.now() > deadline) throw new Error(`video ${title} is still ${got.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function seedReaction(
  apiUrl: string,
  user: SeedUser,
  videoId: string,
  reaction: 'like' | 'dislike',
): Promise<void> {
  await request(`${apiUrl}/v1/videos/${videoId}/reaction`, {
    method: 'POST',
    token: user.accessToken,
    json: { reaction },
  });
}

/** Counts one view from `user` (one per viewer per 24 h on the server). */
export async function seedView(apiUrl: string, user: SeedUser, videoId: string): Promise<void> {
  await request(`${apiUrl}/v1/videos/${videoId}/view`, {
    method: 'POST',
    token: user.accessToken,
    json: { sessionId: `seed-${user.username}`.replace(/[^A-Za-z0-9_-]/g, '_') },
  });
}
