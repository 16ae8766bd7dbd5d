/**
 * API load benchmark: a throw-away PostgreSQL with 10,000 videos and 1,000 users, the API in a
 * child process, autocannon on loopback against GET /v1/feed and POST /v1/videos/:id/reaction.
 * Last stdout line: {"feed_rps", "feed_p99_ms", "reaction_rps", "reaction_p99_ms", ...}.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { issueAccessToken } from '../server/src/auth/tokens';
import { startPostgres } from '../server/src/testing/postgres';
import { printResult } from './lib/stats';

const USERS = 1000;
const VIDEOS = 10_000;
const DURATION_S = Number(process.env.BENCH_API_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 20);

const loadAvgStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
process.stdout.write(
  `load average at start: ${loadAvgStart.join(' ')} (${os.cpus().length} cores)\n`,
);

const postgres = await startPostgres();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bench-api-'));
const secret = randomBytes(32).toString('hex');
let child: ReturnType<typeof spawn> | undefined;
try {
  const url = await postgres.createDatabase('reelsmith_bench');
  child = spawn(process.execPath, ['--import', 'tsx', 'bench/api-server.ts'], {
    env: { ...process.env, DATABASE_URL: url, SERVER_DATA_DIR: dataDir, SERVER_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child?.stdout ?? process.stdin });
    lines.once('line', resolve);
    child?.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
  const base = (JSON.parse(firstLine) as { url: string }).url;

  // Seed straight into the (migrated) database.
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`insert into users (email, username, password_hash, email_verified_at)
    select 'bench' || i || '@example.com', 'bench_' || i, 'x', now() from generate_series(1, ${USERS}) i`);
  await db.query(`create temp table seed as
    with us as (select array_agg(id order by id) as ids from users)
    select i, us.ids[1 + (i % ${USERS})] as uid, gen_random_uuid() as vid, gen_random_uuid() as vu,
      gen_random_uuid() as tu, date_trunc('milliseconds', now() - random() * interval '30 days') as at,
      floor(random() * 50)::int as likes, floor(random() * 5)::int as dislikes, floor(random() * 500)::int as views
    from generate_series(1, ${VIDEOS}) i, us`);
  await db.query(`insert into uploads (id, user_id, kind, content_type, bytes, sha256, status, storage_key, part_size, part_count)
    select vu, uid, 'video', 'video/mp4', 1000, repeat('0', 64), 'verified', 'video/' || vu, 8388608, 1 from seed
    union all
    select tu, uid, 'thumbnail', 'image/jpeg', 100, repeat('0', 64), 'verified', 'thumbnail/' || tu, 8388608, 1 from seed`);
  await db.query(`insert into videos (id, user_id, title, prompt, video_upload_id, thumbnail_upload_id,
      duration_seconds, visibility, status, likes, dislikes, views, ranking_score, created_at)
    select vid, uid, 'Bench video ' || i, 'prompt ' || i, vu, tu, 30, 'public', 'ready', likes, dislikes, views,
      reelsmith_rank(likes, dislikes, views, at), at from seed`);
  const sessions = await db.query<{ id: string }>(
    `insert into sessions (user_id, client) select id, 'web' from users returning id`,
  );
  const videoIds = (await db.query<{ vid: string }>('select vid from seed')).rows.map((r) => r.vid);
  await db.query('analyze');
  await db.end();
  const now = Math.floor(Date.now() / 1000);
  const tokens = sessions.rows.map((s) => issueAccessToken(secret, s.id, now));
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T;
  const reactions = ['like', 'dislike', 'none'];

  const run = async (title: string, requests: autocannon.Request[]) => {
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests,
    });
    const bad = result.non2xx + result.errors + result.timeouts;
    process.stdout.write(
      `${title}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms, ${bad} failed\n`,
    );
    return { rps: Math.round(result.requests.average), p99: result.latency.p99, failed: bad };
  };

  await autocannon({ url: `${base}/v1/feed?limit=20`, connections: 4, duration: 2 });
  const feed = await run('GET /v1/feed', [{ method: 'GET', path: '/v1/feed?limit=20' }]);
  const feedSignedIn = await run('GET /v1/feed (signed in, uncached)', [
    {
      method: 'GET',
      setupRequest: (request) => ({
        ...request,
        path: '/v1/feed?limit=20',
        headers: { authorization: `Bearer ${pick(tokens)}` },
      }),
    },
  ]);
  const reaction = await run('POST /v1/videos/:id/reaction', [
    {
      method: 'POST',
      setupRequest: (request) => ({
        ...request,
        path: `/v1/videos/${pick(videoIds)}/reaction`,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pick(tokens)}` },
        body: JSON.stringify({ reaction: pick(reactions) }),
      }),
    },
  ]);
  printResult({
    feed_rps: feed.rps,
    feed_p99_ms: feed.p99,
    reaction_rps: reaction.rps,
    reaction_p99_ms: reaction.p99,
    feed_signed_in_rps: feedSignedIn.rps,
    feed_signed_in_p99_ms: feedSignedIn.p99,
    feed_failed: feed.failed + feedSignedIn.failed,
    reaction_failed: reaction.failed,
    videos: VIDEOS,
    users: USERS,
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    load_avg_start: loadAvgStart,
    load_avg_end: os.loadavg().map((n) => Math.round(n * 100) / 100),
    cores: os.cpus().length,
  });
} finally {
  const running = child;
  if (running && running.exitCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  postgres.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
