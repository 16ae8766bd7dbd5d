/**
 * Upload throughput and crash resume on loopback: a 500 MB generated file to s3rver, once
 * through Reelsmith's upload queue (timed from enqueue until the item is done: every part read,
 * hashed and sent, the server told the sha256 and the video published; the server's own sha256
 * verification runs after that) and once through a plain `@aws-sdk/lib-storage` Upload of the
 * same file with the same part size and parallelism.
 *
 * Resume: a child process (main/sync/testing/upload-child.ts) publishes the file and is
 * SIGKILLed once s3rver has received a third of the parts; a second child resumes it. Parts
 * s3rver received more than once are counted by a middleware in front of its routes.
 *
 * Output (last line): {queue_mb_s, raw_mb_s, ratio, resume_resent_parts, in_flight_limit,
 * killed_after_parts, part_count, file_mb, part_mb, queue_s, raw_s, load_avg_start, load_avg_end}
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import S3rver from 's3rver';
import { CloudClient } from '../main/sync/cloud/cloud-client';
import { MemorySessionVault } from '../main/sync/cloud/session-vault';
import { UploadQueue } from '../main/sync/outbox/upload-queue';
import { startSyncTestServer } from '../main/sync/testing/sync-test-server';
import { openTempLibrary } from '../main/store/testing/temp-library';
import { createMemoryLogger } from '../main/util/logger';
import { printResult, round } from './lib/stats';

const MiB = 1024 * 1024;
const FILE_BYTES = 500 * 1000 * 1000;
const PART_BYTES = 8 * MiB;
const PARALLEL = 3;
const BUCKET = 'reelsmith';
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loadAvg = (): number[] => os.loadavg().map((n) => round(n, 2));
const loadAvgStart = loadAvg();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bench-sync-'));
const cleanups: (() => Promise<void> | void)[] = [
  () => fs.rmSync(dir, { recursive: true, force: true }),
];
async function cleanup(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) await step();
}

try {
  // The file: random bytes (incompressible), written once.
  const file = path.join(dir, 'video.mp4');
  const fd = fs.openSync(file, 'w');
  for (let left = FILE_BYTES; left > 0;) {
    const chunk = randomBytes(Math.min(left, 4 * MiB));
    fs.writeSync(fd, chunk);
    left -= chunk.length;
  }
  fs.closeSync(fd);
  const thumb = path.join(dir, 'thumb.png');
  fs.writeFileSync(thumb, randomBytes(20_000));

  // s3rver, counting every part it answered 200 per (upload id, part number).
  const received = new Map<string, number>();
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(dir, 's3'),
    configureBuckets: [{ name: BUCKET }],
  });
  s3.middleware.unshift(async (ctx, next) => {
    await next();
    const { partNumber, uploadId } = ctx.query;
    if (ctx.method === 'PUT' && typeof partNumber === 'string' && ctx.status === 200) {
      const key = `${String(uploadId)}#${partNumber}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
  });
  const s3Address = await s3.run();
  cleanups.push(() => s3.close());
  const endpoint = `http://127.0.0.1:${s3Address.port}`;

  const server = await startSyncTestServer({
    dataDir: path.join(dir, 'server'),
    partSize: PART_BYTES,
    s3: {
      endpoint,
      bucket: BUCKET,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
  });
  cleanups.push(() => server.close());

  // 1. Plain lib-storage Upload: same file, part size and parallelism.
  const s3client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  cleanups.push(() => s3client.destroy());
  const rawStart = process.hrtime.bigint();
  await new Upload({
    client: s3client,
    params: { Bucket: BUCKET, Key: 'raw/video.mp4', Body: fs.createReadStream(file) },
    partSize: PART_BYTES,
    queueSize: PARALLEL,
  }).done();
  const rawS = Number(process.hrtime.bigint() - rawStart) / 1e9;

  // 2. The upload queue, in this process.
  const account = await server.account();
  const library = openTempLibrary(path.join(dir, 'library'));
  cleanups.push(() => library.close());
  const client = new CloudClient({ baseUrl: () => server.url, vault: new MemorySessionVault() });
  await client.login(account.email, account.password);
  const timing: { completedAt: bigint | null } = { completedAt: null };
  const queue = new UploadQueue({
    store: library.store,
    client,
    log: createMemoryLogger(),
    events: {
      // Timed until the server reported the uploads complete (the item moves on to publishing);
      // the queue then also awaits the server's sha256 verification before "done".
      item: (queued) => {
        if (queued.state === 'completing' && timing.completedAt === null)
          timing.completedAt = process.hrtime.bigint();
      },
      progress: () => undefined,
      connectivity: () => undefined,
    },
    limits: () => ({ parallelParts: PARALLEL, bytesPerSecond: 0 }),
  });
  cleanups.push(() => queue.close());
  queue.start();
  await server.api.idle();
  const queueStart = process.hrtime.bigint();
  const item = await queue.enqueue({
    kind: 'video',
    title: 'Benchmark',
    projectId: 'bench-sync',
    payload: { title: 'Benchmark', durationSeconds: 60 },
    uploads: [
      { role: 'video', path: file, uploadKind: 'video', contentType: 'video/mp4' },
      { role: 'thumbnail', path: thumb, uploadKind: 'thumbnail', contentType: 'image/png' },
    ],
  });
  await queue.waitFor(item.id, 30 * 60_000);
  const queueS = Number((timing.completedAt ?? process.hrtime.bigint()) - queueStart) / 1e9;
  await server.api.idle();
  const verified = await server.api.deps.db
    .selectFrom('uploads')
    .select('status')
    .where('kind', '=', 'video')
    .execute();
  if (verified.length !== 1 || verified[0]?.status !== 'verified') {
    throw new Error(`The queue's upload did not verify: ${JSON.stringify(verified)}`);
  }

  // 3. Kill a child mid-upload, resume in a second child, count parts s3rver took twice.
  const partCount = Math.ceil(FILE_BYTES / PART_BYTES);
  const childAccount = await server.account();
  const childLibrary = path.join(dir, 'child-library');
  fs.mkdirSync(childLibrary);
  const childArgs = [
    childLibrary,
    server.url,
    childAccount.email,
    childAccount.password,
    file,
    thumb,
  ];
  const before = new Set(received.keys());
  const childParts = (): string[] =>
    [...received.keys()].filter((key) => !before.has(key) && !key.startsWith('undefined'));
  const killAt = Math.ceil(partCount / 3);
  const first = await runChild(childArgs, () => childParts().length >= killAt);
  if (first.code === 0) throw new Error('The child finished before it could be killed.');
  const killedAfter = childParts().length;
  const second = await runChild(childArgs, null);
  if (second.code !== 0) throw new Error(`The resumed child failed:\n${second.out}`);
  const resent = childParts().reduce((sum, key) => sum + ((received.get(key) ?? 1) - 1), 0);

  const mb = FILE_BYTES / 1e6;
  const queueMbS = mb / queueS;
  const rawMbS = mb / rawS;
  printResult({
    queue_mb_s: round(queueMbS, 1),
    raw_mb_s: round(rawMbS, 1),
    ratio: round(queueMbS / rawMbS, 3),
    resume_resent_parts: resent,
    in_flight_limit: PARALLEL,
    killed_after_parts: killedAfter,
    part_count: partCount,
    file_mb: mb,
    part_mb: PART_BYTES / MiB,
    queue_s: round(queueS, 2),
    raw_s: round(rawS, 2),
    load_avg_start: loadAvgStart,
    load_avg_end: loadAvg(),
  });
} finally {
  await cleanup();
}

/** Runs the upload child; SIGKILLs it as soon as `killWhen` answers true (polled every 5 ms). */
function runChild(
  args: string[],
  killWhen: (() => boolean) | null,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repo, 'main/sync/testing/upload-child.ts'), ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: repo },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const poll = killWhen
      ? setInterval(() => {
          if (killWhen()) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 5)
      : undefined;
    child.on('exit', (code) => {
      if (poll) clearInterval(poll);
      resolve({ code, out });
    });
  });
}
