/**
 * The upload queue through a loopback TCP proxy that resets connections, stalls them and cuts
 * them after N bytes: it converges to exactly one complete upload with the right sha256, and
 * its retries are spaced by the backoff policy (full jitter with an injected random, capped),
 * checked on the recorded attempt times rather than by sleeping.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/contract/sync.contract';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../../store/testing/temp-library';
import { createMemoryLogger } from '../../util/logger';
import { CloudClient } from '../cloud/cloud-client';
import { MemorySessionVault } from '../cloud/session-vault';
import { startTcpFaultProxy, type TcpFault, type TcpFaultProxy } from '../testing/tcp-fault-proxy';
import { freePort, startSyncTestServer, type SyncTestServer } from '../testing/sync-test-server';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { UploadQueue } from './upload-queue';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);

const JITTER = 0.7;
const BACKOFF: BackoffPolicy = { baseMs: 200, capMs: 800 };

describe('upload queue through a faulty TCP link', () => {
  it('converges to one verified upload and spaces its retries by capped full-jitter backoff', async () => {
    const dir = tempDir();
    const proxyPort = await freePort();
    const server: SyncTestServer = await startSyncTestServer({
      dataDir: path.join(dir, 'server'),
      partSize: 64 * 1024,
      publicUrl: () => `http://127.0.0.1:${proxyPort}`,
    });
    cleanups.push(() => server.close());
    const proxy: TcpFaultProxy = await startTcpFaultProxy(
      { host: '127.0.0.1', port: server.port },
      { port: proxyPort },
    );
    cleanups.push(() => proxy.close());
    // One fault per attempt: the next is armed when the queue records the previous failure.
    const faults: TcpFault[] = [
      { kind: 'reset', afterBytes: 30_000 },
      { kind: 'cut', afterBytes: 40_000 },
      { kind: 'stall', afterBytes: 20_000 },
      { kind: 'cut', afterBytes: 90_000 },
      { kind: 'reset', afterBytes: 5_000 },
    ];
    const pending = [...faults];
    const armNext = (): void => {
      const next = pending.shift();
      if (next) proxy.arm(next);
    };
    armNext();

    const library = openTempLibrary(path.join(dir, 'library'));
    cleanups.push(() => library.close());
    const client = new CloudClient({ baseUrl: () => proxy.url, vault: new MemorySessionVault() });
    const account = await server.account();
    await client.login(account.email, account.password);
    // Every state change, with the outbox row's own times (written in one statement).
    const events: { item: QueueItem; at: number }[] = [];
    const queue = new UploadQueue({
      store: library.store,
      client,
      log: createMemoryLogger(),
      events: {
        item: (item) => {
          events.push({ item, at: Date.now() });
          if (item.state === 'failed') armNext();
        },
        progress: () => undefined,
        connectivity: () => undefined,
      },
      limits: () => ({ parallelParts: 3, bytesPerSecond: 0 }),
      backoff: BACKOFF,
      probe: { baseMs: 50, capMs: 200 },
      stallMs: 1_500,
      random: () => JITTER,
    });
    cleanups.push(() => queue.close());
    queue.start();

    const bytes = randomBytes(6 * 1024 * 1024 + 777);
    const file = path.join(dir, 'video.mp4');
    fs.writeFileSync(file, bytes);
    const thumb = path.join(dir, 'thumb.png');
    fs.writeFileSync(thumb, randomBytes(3_000));
    const queued = await queue.enqueue({
      kind: 'video',
      title: 'Flaky link',
      projectId: 'tcp-proxy',
      payload: { title: 'Flaky link', durationSeconds: 8 },
      uploads: [
        { role: 'video', path: file, uploadKind: 'video', contentType: 'video/mp4' },
        { role: 'thumbnail', path: thumb, uploadKind: 'thumbnail', contentType: 'image/png' },
      ],
    });
    const done = await queue.waitFor(queued.id, 240_000);
    expect(done.state).toBe('done');

    // The faults hit (one per attempt; the last ones may find no new connection before the
    // upload is done) and each was survived.
    expect(proxy.applied.map((f) => f.kind).slice(0, 3)).toEqual(['reset', 'cut', 'stall']);

    // Exactly one complete upload of the video, with the file's sha256; one video.
    await server.api.idle();
    const uploads = await server.api.deps.db
      .selectFrom('uploads')
      .select(['status', 'sha256', 'storage_key'])
      .where('kind', '=', 'video')
      .execute();
    const complete = uploads.filter((u) => u.status === 'verified');
    expect(complete).toHaveLength(1);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(complete[0]?.sha256).toBe(expected);
    expect((await server.api.deps.storage.digest(complete[0]?.storage_key ?? '')).sha256).toBe(
      expected,
    );
    const videos = await server.api.deps.db.selectFrom('videos').select('id').execute();
    expect(videos.map((v) => v.id)).toEqual([done.result?.videoId]);

    // Retries: the n-th failure waits exactly the policy's delay for n (jitter 0.7 of
    // min(cap, base·2^(n-1))), and the next attempt starts no sooner.
    const failures = events
      .map((e, index) => ({ ...e, index }))
      .filter((e) => e.item.state === 'failed');
    const attempts = failures.map((f) => f.item.attempts);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts).toEqual(attempts.map((_, i) => i + 1));
    expect(proxy.applied.length).toBeGreaterThanOrEqual(failures.length);
    const waits = failures.map((f) => (f.item.nextAttemptAt ?? 0) - f.item.updatedAt);
    expect(waits).toEqual(attempts.map((n) => backoffDelay(BACKOFF, n, undefined, () => JITTER)));
    expect(waits.slice(0, 3)).toEqual([140, 280, 560]); // capped from the third retry on
    expect(waits.slice(3).every((w) => w === 560)).toBe(true);
    for (const failure of failures) {
      expect(failure.item.failure?.permanent).toBe(false);
      const next = events
        .slice(failure.index + 1)
        .find((e) => e.item.state === 'initiating' || e.item.state === 'uploading');
      expect(next, `an attempt after failure ${failure.item.attempts}`).toBeDefined();
      expect(next?.item.updatedAt ?? 0).toBeGreaterThanOrEqual(failure.item.nextAttemptAt ?? 0);
    }
  }, 300_000);
});
