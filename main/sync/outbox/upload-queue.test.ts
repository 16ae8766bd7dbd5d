/**
 * The upload queue against the real sync API on loopback (PGlite, local storage or s3rver).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/contract/sync.contract';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import type { Library } from '../../store/db/open-library';
import { openTempLibrary } from '../../store/testing/temp-library';
import { createMemoryLogger } from '../../util/logger';
import { CloudClient } from '../cloud/cloud-client';
import { MemorySessionVault } from '../cloud/session-vault';
import { freePort, startSyncTestServer, type SyncTestServer } from '../testing/sync-test-server';
import { startHttpFaultProxy, type HttpFaultProxy } from '../testing/http-fault-proxy';
import { videosApi } from '../../../shared/api/videos.api';
import { UploadQueue } from './upload-queue';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);

const MiB = 1024 * 1024;

function writeFile(dir: string, name: string, bytes: number): { path: string; sha256: string } {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  const hash = createHash('sha256');
  for (let left = bytes; left > 0;) {
    const chunk = randomBytes(Math.min(left, 4 * MiB));
    fs.writeSync(fd, chunk);
    hash.update(chunk);
    left -= chunk.length;
  }
  fs.closeSync(fd);
  return { path: file, sha256: hash.digest('hex') };
}

interface Fixture {
  server: SyncTestServer;
  proxy: HttpFaultProxy | null;
  library: Library;
  client: CloudClient;
  queue: UploadQueue;
  items: QueueItem[];
  /** Every connectivity event, in order. */
  connectivity: boolean[];
  dir: string;
}

async function fixture(
  options: {
    s3?: { port: number };
    proxy?: boolean;
    partSize?: number;
    bytesPerSecond?: number;
  } = {},
): Promise<Fixture> {
  const dir = tempDir();
  const proxyPort = options.proxy ? await freePort() : 0;
  const server = await startSyncTestServer({
    dataDir: path.join(dir, 'server'),
    partSize: options.partSize ?? 5 * MiB,
    publicUrl: options.proxy ? () => `http://127.0.0.1:${proxyPort}` : undefined,
    s3: options.s3
      ? {
          endpoint: `http://127.0.0.1:${options.s3.port}`,
          bucket: 'reelsmith',
          region: 'us-east-1',
          accessKeyId: 'S3RVER',
          secretAccessKey: 'S3RVER',
        }
      : undefined,
  });
  cleanups.push(() => server.close());
  const proxy = options.proxy ? await startHttpFaultProxy(server.url, proxyPort) : null;
  if (proxy) cleanups.push(() => proxy.close());
  const library = openTempLibrary(dir);
  cleanups.push(() => library.close());
  let queueRef: UploadQueue | null = null;
  const client = new CloudClient({
    baseUrl: () => proxy?.url ?? server.url,
    vault: new MemorySessionVault(),
    // As CloudSync wires it: every request tells the queue whether the server answered.
    onReachability: (reachable) => queueRef?.noteReachability(reachable),
  });
  const account = await server.account();
  await client.login(account.email, account.password);
  const items: QueueItem[] = [];
  const connectivity: boolean[] = [];
  const queue = new UploadQueue({
    store: library.store,
    client,
    log: createMemoryLogger(),
    events: {
      item: (item) => items.push(item),
      progress: () => undefined,
      connectivity: (reachable) => connectivity.push(reachable),
    },
    limits: () => ({ parallelParts: 3, bytesPerSecond: options.bytesPerSecond ?? 0 }),
    backoff: { baseMs: 100, capMs: 400 },
    probe: { baseMs: 100, capMs: 300 },
  });
  queueRef = queue;
  cleanups.push(() => queue.close());
  queue.start();
  return { server, proxy, library, client, queue, items, connectivity, dir };
}

async function publish(f: Fixture, video: string, thumbnail: string): Promise<QueueItem> {
  return f.queue.enqueue({
    kind: 'video',
    title: 'Fifty megabytes',
    projectId: 'project-1',
    payload: { title: 'Fifty megabytes', durationSeconds: 12, visibility: 'public' },
    uploads: [
      { role: 'video', path: video, uploadKind: 'video', contentType: 'video/mp4' },
      { role: 'thumbnail', path: thumbnail, uploadKind: 'thumbnail', contentType: 'image/png' },
    ],
  });
}

async function videoCount(server: SyncTestServer): Promise<number> {
  const row = await server.api.deps.db
    .selectFrom('videos')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function storedSha256(server: SyncTestServer, uploadId: string): Promise<string> {
  await server.api.idle();
  const upload = await server.api.deps.db
    .selectFrom('uploads')
    .select(['storage_key', 'status'])
    .where('id', '=', uploadId)
    .executeTakeFirstOrThrow();
  expect(upload.status).toBe('verified');
  return (await server.api.deps.storage.digest(upload.storage_key)).sha256;
}

function remoteUploadId(f: Fixture, itemId: string, role: string): string {
  const row = f.library.store.sqlite
    .prepare('select remote_upload_id from outbox_uploads where outbox_id = ? and role = ?')
    .get(Number(itemId), role) as { remote_upload_id: string };
  return row.remote_upload_id;
}

describe('upload queue', () => {
  it('publishes a 50 MB video in local-storage mode; the stored object has the same sha256', async () => {
    const f = await fixture();
    const video = writeFile(f.dir, 'video.mp4', 50 * MiB);
    const thumb = writeFile(f.dir, 'thumb.png', 20_000);
    const queued = await publish(f, video.path, thumb.path);
    const done = await f.queue.waitFor(queued.id, 120_000);
    expect(done.result?.videoId).toBeTruthy();
    expect(done.result?.shareUrl).toBe(`${f.server.url}/v/${done.result?.videoId}`);
    expect(done.bytesDone).toBe(50 * MiB + 20_000);
    expect(await storedSha256(f.server, remoteUploadId(f, queued.id, 'video'))).toBe(video.sha256);
    expect(await videoCount(f.server)).toBe(1);
    const states = f.items.filter((i) => i.id === queued.id).map((i) => i.state);
    expect(states).toEqual([
      'queued',
      'initiating',
      'uploading',
      'initiating',
      'uploading',
      'completing',
      'done',
    ]);
    const published = f.library.store.sqlite
      .prepare('select video_id, share_url from published_videos where project_id = ?')
      .get('project-1');
    expect(published).toEqual({ video_id: done.result?.videoId, share_url: done.result?.shareUrl });
  }, 180_000);

  it('publishes a 50 MB video through S3 (s3rver) with matching sha256', async () => {
    const s3dir = tempDir();
    const s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3dir,
      configureBuckets: [{ name: 'reelsmith' }],
    });
    const address = await s3.run();
    cleanups.push(() => s3.close());
    const f = await fixture({ s3: { port: address.port } });
    const video = writeFile(f.dir, 'video.mp4', 50 * MiB);
    const thumb = writeFile(f.dir, 'thumb.png', 20_000);
    const queued = await publish(f, video.path, thumb.path);
    const done = await f.queue.waitFor(queued.id, 120_000);
    expect(done.state).toBe('done');
    expect(await storedSha256(f.server, remoteUploadId(f, queued.id, 'video'))).toBe(video.sha256);
    expect(await videoCount(f.server)).toBe(1);
  }, 180_000);

  it('retries a 500 with backoff, then publishes once', async () => {
    const f = await fixture({ proxy: true, partSize: 64 * 1024 });
    let failures = 0;
    f.proxy!.rule = (request) =>
      request.method === 'POST' && request.path === '/v1/videos' && failures++ < 1
        ? { status: 500 }
        : null;
    const video = writeFile(f.dir, 'video.mp4', 300_000);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queued = await publish(f, video.path, thumb.path);
    const done = await f.queue.waitFor(queued.id, 30_000);
    expect(done.attempts).toBe(1);
    const posts = f.proxy!.seen.filter((r) => r.method === 'POST' && r.path === '/v1/videos');
    expect(posts).toHaveLength(2);
    expect(
      f.items.some((i) => i.id === queued.id && i.state === 'failed' && !i.failure?.permanent),
    ).toBe(true);
    expect(await videoCount(f.server)).toBe(1);
  }, 60_000);

  it('publishes an asset link once when the answer to POST /v1/assets is lost (same Idempotency-Key)', async () => {
    const f = await fixture({ proxy: true, partSize: 64 * 1024 });
    let lost = 0;
    f.proxy!.rule = (request) =>
      request.method === 'POST' && request.path === '/v1/assets' && lost++ < 1
        ? { status: 502, lostAnswer: true }
        : null;
    const emote = writeFile(f.dir, 'emote.png', 20_000);
    const queued = await f.queue.enqueue({
      kind: 'asset',
      title: 'emote.png',
      projectId: null,
      payload: { type: 'emote' },
      uploads: [{ role: 'asset', path: emote.path, uploadKind: 'asset', contentType: 'image/png' }],
    });
    const done = await f.queue.waitFor(queued.id, 30_000);
    expect(
      f.proxy!.seen.filter((r) => r.method === 'POST' && r.path === '/v1/assets'),
    ).toHaveLength(2);
    const assets = await f.server.api.deps.db.selectFrom('assets').select('id').execute();
    expect(assets.map((a) => a.id)).toEqual([done.result?.assetId]);
    expect(done.result?.shareUrl).toContain('/v1/objects/asset/');
  }, 60_000);

  it('fails a 403 permanently after one attempt, without retrying', async () => {
    const f = await fixture({ proxy: true, partSize: 64 * 1024 });
    f.proxy!.rule = (request) =>
      request.method === 'PUT' && request.path.startsWith('/v1/storage/parts/')
        ? { status: 403 }
        : null;
    const video = writeFile(f.dir, 'video.mp4', 100_000);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queued = await publish(f, video.path, thumb.path);
    await expect(f.queue.waitFor(queued.id, 10_000)).rejects.toThrow(/injected 403/);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const item = f.queue.get(queued.id);
    expect(item.failure).toMatchObject({ permanent: true });
    expect(item.attempts).toBe(1);
    const puts = f.proxy!.seen.filter((r) => r.method === 'PUT');
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.length).toBeLessThanOrEqual(2);
    expect(await videoCount(f.server)).toBe(0);
  }, 60_000);

  it('fails permanently, naming the file, when it was deleted before upload', async () => {
    const f = await fixture();
    await f.queue.close();
    const video = writeFile(f.dir, 'gone.mp4', 100_000);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queue = new UploadQueue({
      store: f.library.store,
      client: f.client,
      log: createMemoryLogger(),
      events: { item: () => undefined, progress: () => undefined, connectivity: () => undefined },
      limits: () => ({ parallelParts: 3, bytesPerSecond: 0 }),
      backoff: { baseMs: 100, capMs: 400 },
    });
    cleanups.push(() => queue.close());
    const queued = await queue.enqueue({
      kind: 'video',
      title: 'Gone',
      projectId: null,
      payload: { title: 'Gone', durationSeconds: 3 },
      uploads: [
        { role: 'video', path: video.path, uploadKind: 'video', contentType: 'video/mp4' },
        { role: 'thumbnail', path: thumb.path, uploadKind: 'thumbnail', contentType: 'image/png' },
      ],
    });
    fs.rmSync(video.path);
    queue.start();
    await expect(queue.waitFor(queued.id, 10_000)).rejects.toThrow(/gone\.mp4 was deleted/);
    expect(queue.get(queued.id).failure).toMatchObject({ permanent: true });
    expect(queue.get(queued.id).attempts).toBe(1);
  }, 60_000);

  it('rechecks verification after publishing: a sha256 mismatch fails the item permanently, unpublished; retry uploads again', async () => {
    const f = await fixture({ partSize: 64 * 1024 });
    // Fake a corrupted stored object at the storage layer: the first digest of the video lies.
    const storage = f.server.api.deps.storage;
    const realDigest = storage.digest.bind(storage);
    let corrupted = 0;
    storage.digest = async (key: string) => {
      const digest = await realDigest(key);
      if (key.includes('video') && corrupted++ === 0) return { ...digest, sha256: '0'.repeat(64) };
      return digest;
    };
    const video = writeFile(f.dir, 'corrupt.mp4', 300_000);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queued = await publish(f, video.path, thumb.path);
    const firstUpload = await (async () => {
      for (;;) {
        const row = f.library.store.sqlite
          .prepare('select remote_upload_id from outbox_uploads where outbox_id = ? and role = ?')
          .get(Number(queued.id), 'video') as { remote_upload_id: string | null };
        if (row.remote_upload_id) return row.remote_upload_id;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await expect(f.queue.waitFor(queued.id, 30_000)).rejects.toThrow(
      /could not verify .*corrupt\.mp4.*Nothing was published/,
    );
    expect(corrupted).toBeGreaterThanOrEqual(1);
    const failed = f.queue.get(queued.id);
    expect(failed.state).toBe('failed');
    expect(failed.failure).toMatchObject({ permanent: true });
    expect(failed.result).toBeFalsy();
    expect(f.items.filter((i) => i.id === queued.id).map((i) => i.state)).not.toContain('done');
    expect(
      f.library.store.sqlite
        .prepare('select count(*) as n from published_videos where project_id = ?')
        .get('project-1'),
    ).toEqual({ n: 0 });
    const server = await f.server.api.deps.db
      .selectFrom('uploads')
      .select('status')
      .where('id', '=', firstUpload)
      .executeTakeFirstOrThrow();
    expect(server.status).toBe('failed');
    const ready = () =>
      f.server.api.deps.db
        .selectFrom('videos')
        .select('id')
        .where('status', '=', 'ready')
        .execute();
    expect(await ready()).toEqual([]);

    // A retry uploads the file again under a fresh upload and publishes exactly one video.
    f.queue.retry(queued.id);
    const done = await f.queue.waitFor(queued.id, 30_000);
    expect(remoteUploadId(f, queued.id, 'video')).not.toBe(firstUpload);
    expect(await storedSha256(f.server, remoteUploadId(f, queued.id, 'video'))).toBe(video.sha256);
    expect((await ready()).map((v) => v.id)).toEqual([done.result?.videoId]);
    expect(
      f.library.store.sqlite
        .prepare('select video_id from published_videos where project_id = ?')
        .get('project-1'),
    ).toEqual({ video_id: done.result?.videoId });
  }, 60_000);

  it('honours Retry-After: the retry waits at least what the server asked, beyond the backoff cap', async () => {
    const f = await fixture({ proxy: true, partSize: 64 * 1024 });
    let answered = 0;
    f.proxy!.rule = (request) =>
      request.method === 'POST' && request.path === '/v1/videos' && answered++ < 1
        ? { status: 503, headers: { 'retry-after': '2' } }
        : null;
    const video = writeFile(f.dir, 'video.mp4', 200_000);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queued = await publish(f, video.path, thumb.path);
    const done = await f.queue.waitFor(queued.id, 30_000);
    expect(done.state).toBe('done');
    const posts = f.proxy!.seen.filter((r) => r.method === 'POST' && r.path === '/v1/videos');
    expect(posts).toHaveLength(2);
    // The backoff cap is 400 ms; only Retry-After explains a gap of two seconds.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1_950);
    expect(await videoCount(f.server)).toBe(1);
  }, 60_000);

  it('pauses while the server is unreachable (no attempt spent) and resumes when it is back', async () => {
    const f = await fixture({ proxy: true, partSize: 64 * 1024 });
    const port = f.proxy!.port;
    await f.proxy!.close();
    const video = writeFile(f.dir, 'video.mp4', 200_000);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queued = await publish(f, video.path, thumb.path);
    for (let i = 0; i < 200 && !f.connectivity.includes(false); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(f.connectivity).toEqual([false]);
    expect(f.queue.list().reachable).toBe(false);
    // Probes keep running while it is away; the item waits in the queue with nothing spent.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const waiting = f.queue.get(queued.id);
    expect(waiting.state).toBe('queued');
    expect(waiting.attempts).toBe(0);
    const back = await startHttpFaultProxy(f.server.url, port);
    cleanups.push(() => back.close());
    const done = await f.queue.waitFor(queued.id, 30_000);
    expect(done.attempts).toBe(0);
    expect(f.connectivity).toEqual([false, true]);
    expect(back.seen.some((r) => r.path === '/v1/health')).toBe(true);
    expect(await videoCount(f.server)).toBe(1);
  }, 60_000);

  it('any refused request (not only an upload) marks the server unreachable; the probe or any answer clears it', async () => {
    const f = await fixture({ proxy: true });
    const port = f.proxy!.port;
    await f.proxy!.close();
    await expect(f.client.call(videosApi.feed, { query: {} })).rejects.toMatchObject({
      code: 'UPSTREAM',
      details: { offline: true },
    });
    expect(f.connectivity).toEqual([false]);
    expect(f.queue.list().reachable).toBe(false);
    // "Check again" asks the server: still away.
    expect((await f.queue.checkServer()).reachable).toBe(false);
    expect(f.connectivity).toEqual([false]);
    // Nothing queued: the health probe alone notices the server is back.
    const back = await startHttpFaultProxy(f.server.url, port);
    cleanups.push(() => back.close());
    for (let i = 0; i < 400 && !f.queue.list().reachable; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(f.connectivity).toEqual([false, true]);
    expect(back.seen.some((r) => r.path === '/v1/health')).toBe(true);
    // An answer to an ordinary call, or a check, keeps it reachable, with no new event.
    await f.client.call(videosApi.feed, { query: {} });
    expect((await f.queue.checkServer()).reachable).toBe(true);
    expect(f.connectivity).toEqual([false, true]);
  }, 60_000);

  it('keeps the whole queue under the global bandwidth limit', async () => {
    const rate = 256 * 1024;
    const f = await fixture({ partSize: 64 * 1024, bytesPerSecond: rate });
    const video = writeFile(f.dir, 'video.mp4', 1024 * 1024);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const started = Date.now();
    const queued = await publish(f, video.path, thumb.path);
    await f.queue.waitFor(queued.id, 60_000);
    // At most one second of burst: 1 MiB at 256 KiB/s cannot take less than three seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(await storedSha256(f.server, remoteUploadId(f, queued.id, 'video'))).toBe(video.sha256);
  }, 60_000);

  it('fails permanently, nothing published, when the source file changes between parts', async () => {
    const f = await fixture({ partSize: 64 * 1024, bytesPerSecond: 128 * 1024 });
    const video = writeFile(f.dir, 'changing.mp4', 640 * 1024);
    const thumb = writeFile(f.dir, 'thumb.png', 2_000);
    const queued = await publish(f, video.path, thumb.path);
    const parts = () =>
      (
        f.library.store.sqlite
          .prepare('select count(*) as n from outbox_parts where outbox_id = ?')
          .get(Number(queued.id)) as { n: number }
      ).n;
    for (let i = 0; i < 400 && parts() === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(parts()).toBeGreaterThan(0);
    fs.appendFileSync(video.path, randomBytes(10));
    await expect(f.queue.waitFor(queued.id, 30_000)).rejects.toThrow(
      /changing\.mp4 changed after it was queued/,
    );
    const item = f.queue.get(queued.id);
    expect(item.failure).toMatchObject({ permanent: true });
    expect(item.attempts).toBe(1);
    expect(parts()).toBeLessThan(10);
    expect(await videoCount(f.server)).toBe(0);
  }, 60_000);
});
