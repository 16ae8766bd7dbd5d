/**
 * Test helpers that upload files and publish videos through the API, as the desktop app would.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Harness, TestUser } from './harness';

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface PartTransport {
  /** PUTs one part to its URL; answers the ETag. */
  put(url: string, data: Uint8Array): Promise<string>;
}

/** PUTs parts through the in-process app (local storage). */
export function inProcessParts(h: Harness): PartTransport {
  return {
    put: async (url, data) => {
      const r = await h.call('PUT', url, {
        raw: data,
        headers: { 'content-type': 'application/octet-stream' },
      });
      if (r.status !== 200) throw new Error(`part PUT ${r.status} ${r.text}`);
      return r.headers.get('etag') ?? '';
    },
  };
}

export async function uploadFile(
  h: Harness,
  user: TestUser,
  kind: 'video' | 'thumbnail' | 'avatar' | 'asset',
  data: Uint8Array,
  contentType: string,
  transport: PartTransport = inProcessParts(h),
): Promise<string> {
  const created = await h.call('POST', '/v1/uploads', {
    token: user.accessToken,
    json: { kind, contentType, bytes: data.length, sha256: sha256(data) },
  });
  if (created.status !== 201) throw new Error(`create upload ${created.status} ${created.text}`);
  const partSize: number = created.body.partSize;
  const parts: { partNumber: number; etag: string }[] = [];
  for (const part of created.body.parts as { partNumber: number; url: string }[]) {
    const chunk = data.subarray((part.partNumber - 1) * partSize, part.partNumber * partSize);
    parts.push({ partNumber: part.partNumber, etag: await transport.put(part.url, chunk) });
  }
  const done = await h.call('POST', `/v1/uploads/${created.body.uploadId}/complete`, {
    token: user.accessToken,
    json: { parts },
  });
  if (done.status !== 200) throw new Error(`complete ${done.status} ${done.text}`);
  await h.api.idle();
  return created.body.uploadId as string;
}

export async function publish(
  h: Harness,
  user: TestUser,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const video = await uploadFile(h, user, 'video', randomBytes(1000), 'video/mp4');
  const thumb = await uploadFile(h, user, 'thumbnail', randomBytes(200), 'image/jpeg');
  const r = await h.call('POST', '/v1/videos', {
    token: user.accessToken,
    headers: { 'idempotency-key': randomUUID() },
    json: {
      videoUploadId: video,
      thumbnailUploadId: thumb,
      title: 'A video',
      durationSeconds: 12,
      prompt: 'a cat',
      ...extra,
    },
  });
  if (r.status !== 201) throw new Error(`publish ${r.status} ${r.text}`);
  return r.body as { id: string };
}
