/**
 * SIGKILL the uploading process at 20 random points and restart it each time: the publish
 * completes, exactly one video exists, and no part the server acknowledged is sent again.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { startHttpFaultProxy, type HttpFaultProxy } from '../testing/http-fault-proxy';
import { freePort, startSyncTestServer, type SyncTestServer } from '../testing/sync-test-server';

const tempDir = useTempDirs();
const MiB = 1024 * 1024;
const CHILD = path.join(import.meta.dirname, '../testing/upload-child.ts');
let server: SyncTestServer | null = null;
let proxy: HttpFaultProxy | null = null;
afterAll(async () => {
  await proxy?.close();
  await server?.close();
}, 60_000);

function runChild(
  args: string[],
  killAfterMs: number | null,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // Kill only once the upload is under way (after start-up and sign-in).
      if (killAfterMs !== null && out.includes('started')) {
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        killAfterMs = null;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('upload queue survives SIGKILL', () => {
  it('completes after 20 kills with one video and no acknowledged part sent twice', async () => {
    const dir = tempDir();
    const proxyPort = await freePort();
    server = await startSyncTestServer({
      dataDir: path.join(dir, 'server'),
      partSize: 5 * MiB,
      publicUrl: () => `http://127.0.0.1:${proxyPort}`,
    });
    proxy = await startHttpFaultProxy(server.url, proxyPort);
    const account = await server.account();
    const file = path.join(dir, 'video.mp4');
    const bytes = randomBytes(30 * MiB);
    fs.writeFileSync(file, bytes);
    const thumb = path.join(dir, 'thumb.png');
    fs.writeFileSync(thumb, randomBytes(3000));
    const libraryDir = path.join(dir, 'library');
    fs.mkdirSync(libraryDir);
    const args = [libraryDir, proxy.url, account.email, account.password, file, thumb];
    for (let kill = 0; kill < 20; kill += 1) {
      const run = await runChild(args, Math.floor(Math.random() * 400));
      if (run.code === 0) break; // finished before the kill landed
    }
    const final = await runChild(args, null);
    expect(final.code, final.out).toBe(0);
    const result = JSON.parse(final.out.split('\n').find((l) => l.startsWith('{')) ?? '{}') as {
      done: { videoId: string };
    };
    expect(result.done.videoId).toBeTruthy();
    const videos = await server.api.deps.db.selectFrom('videos').select('id').execute();
    expect(videos.map((v) => v.id)).toEqual([result.done.videoId]);
    // The sha256 was built from parts read across up to 21 processes: the server verified it.
    await server.api.idle();
    const video = await server.api.deps.db
      .selectFrom('videos')
      .innerJoin('uploads', 'uploads.id', 'videos.video_upload_id')
      .select(['uploads.status', 'uploads.sha256', 'uploads.storage_key'])
      .executeTakeFirstOrThrow();
    expect(video.status).toBe('verified');
    expect(video.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await server.api.deps.storage.digest(video.storage_key)).sha256).toBe(video.sha256);
    const acknowledged = new Map<string, number>();
    for (const r of proxy.completed) {
      if (r.method !== 'PUT') continue;
      const key = r.path.split('?')[0] ?? '';
      acknowledged.set(key, (acknowledged.get(key) ?? 0) + 1);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(6);
    expect([...acknowledged.values()].every((n) => n === 1)).toBe(true);
  }, 600_000);
});
