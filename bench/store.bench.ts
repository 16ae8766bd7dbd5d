/**
 * The local library at scale: 10,000 projects and 200,000 segments.
 *
 * Measures listing a page of 50 projects (random pages, with the total), opening a project of
 * 200 segments, updating one segment (the store's full path: transaction, project revision,
 * re-read) beside the same UPDATE through a bare better-sqlite3 prepared statement, and
 * importing 100 small PNGs (sniff, hash, ffprobe, fsync, rename, row).
 *
 * Where an update's time goes (diagnostics in the same run): the disk's fsync floor (4 KiB write +
 * fsync in the same folder), kysely building and compiling the update path's three statements,
 * and the store update and the raw UPDATE once more with `synchronous=OFF`, i.e. their CPU cost
 * without the commit's fsync. The library itself always runs `synchronous=FULL`; the bench
 * switches back and checks it before importing.
 *
 * Output (last line): {projects, segments, list_p50_ms, list_p99_ms, open_p50_ms, open_p99_ms,
 * update_p50_ms, update_p99_ms, raw_update_p50_ms, raw_update_p99_ms, update_vs_raw_p99,
 * fsync_p50_ms, fsync_p99_ms, compile_update_p50_ms, compile_update_p99_ms,
 * update_nofsync_p50_ms, update_nofsync_p99_ms, raw_update_nofsync_p50_ms,
 * raw_update_nofsync_p99_ms, import_100_images_ms, seed_ms, load_avg_1m}
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectListInput } from '../shared/contract/projects.contract';
import { ContentStore } from '../main/media/content-store';
import { MediaService } from '../main/media/media.service';
import { testTools } from '../main/media/testing-fixtures';
import { LIBRARY_FILE_NAME, openLibrary } from '../main/store/db/open-library';
import { ProjectsService } from '../main/store/projects/projects.service';
import { createMemoryLogger } from '../main/util/logger';
import { printResult, round, summarize } from './lib/stats';

const PROJECTS = 10_000;
const SEGMENTS_PER_PROJECT = 20;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bench-store-'));
const library = openLibrary({ file: path.join(dir, LIBRARY_FILE_NAME), log: createMemoryLogger() });
const { sqlite } = library.store;
const projects = new ProjectsService(library.store);

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

// Seed (not measured as an operation): one transaction of plain inserts.
const seedStart = process.hrtime.bigint();
const insertProject = sqlite.prepare(
  "insert into projects (id, title, idea, script, status, width, height, fps, platform, created_at, updated_at) values (?, ?, ?, ?, 'draft', 1080, 1920, 30, 'tiktok', ?, ?)",
);
const insertSegment = sqlite.prepare(
  "insert into segments (id, project_id, position, text, image_prompt, duration_ms, motion, transition, created_at, updated_at) values (?, ?, ?, ?, ?, 3000, 'zoom-in', 'cut', ?, ?)",
);
const segmentIds: string[] = [];
sqlite.transaction(() => {
  const base = Date.now() - PROJECTS * 60_000;
  for (let p = 0; p < PROJECTS; p++) {
    const id = randomUUID();
    const at = base + p * 60_000;
    insertProject.run(
      id,
      `Project ${p} about topic ${p % 97}`,
      `idea ${p}`,
      'A script line. '.repeat(40),
      at,
      at,
    );
    for (let s = 0; s < SEGMENTS_PER_PROJECT; s++) {
      const segmentId = randomUUID();
      if (p % 100 === 0) segmentIds.push(segmentId);
      insertSegment.run(segmentId, id, s, `Scene ${s} narration text`, `prompt ${s}`, at, at);
    }
  }
})();
const big = projects.create({ title: 'The 200-segment project' });
sqlite.transaction(() => {
  for (let s = 0; s < 200; s++) {
    insertSegment.run(randomUUID(), big.id, s, `Scene ${s}`, `prompt ${s}`, Date.now(), Date.now());
  }
})();
sqlite.pragma('optimize');
const seedMs = ms(seedStart);

function measure(iterations: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < 20; i++) fn(i); // warm up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(ms(start));
  }
  return samples;
}

const pages = Math.floor(PROJECTS / 50);
const list = summarize(
  measure(300, () => {
    const offset = Math.floor(Math.random() * pages) * 50;
    projects.list(ProjectListInput.parse({ limit: 50, offset }));
  }),
);
const open = summarize(measure(300, () => projects.get(big.id)));
const pick = (i: number) => segmentIds[i % segmentIds.length]!;
const update = summarize(
  measure(500, (i) => projects.updateSegment(pick(i), { text: `edit ${i}` })),
);
const rawStatement = sqlite.prepare('update segments set text = ?, updated_at = ? where id = ?');
const raw = summarize(measure(500, (i) => rawStatement.run(`raw ${i}`, Date.now(), pick(i))));

// Where the update's time goes.
const probe = fs.openSync(path.join(dir, 'fsync-probe'), 'w');
const page = Buffer.alloc(4096, 7);
const fsync = summarize(
  measure(200, (i) => {
    fs.writeSync(probe, page, 0, page.length, (i % 16) * page.length);
    fs.fsyncSync(probe);
  }),
);
fs.closeSync(probe);
const { db } = library.store;
const compile = summarize(
  measure(2000, (i) => {
    db.updateTable('segments')
      .set({ updated_at: i, text: `edit ${i}` })
      .where('id', '=', pick(i))
      .returningAll()
      .compile();
    db.selectFrom('segment_media')
      .select(['media_id', 'role'])
      .where('segment_id', '=', pick(i))
      .compile();
    db.updateTable('projects')
      .set((eb) => ({ updated_at: i, revision: eb('revision', '+', 1) }))
      .where('id', '=', 'p')
      .where('deleted_at', 'is', null)
      .compile();
  }),
);
sqlite.pragma('synchronous = OFF');
const updateNoFsync = summarize(
  measure(2000, (i) => projects.updateSegment(pick(i), { text: `cpu ${i}` })),
);
const rawNoFsync = summarize(
  measure(2000, (i) => rawStatement.run(`cpu raw ${i}`, Date.now(), pick(i))),
);
sqlite.pragma('synchronous = FULL');
if (sqlite.pragma('synchronous', { simple: true }) !== 2) throw new Error('synchronous not FULL');

// Import 100 distinct small PNGs through the full media path.
const { ffmpegPath } = testTools();
const imagesDir = path.join(dir, 'images');
fs.mkdirSync(imagesDir);
execFileSync(ffmpegPath, [
  '-hide_banner',
  '-loglevel',
  'error',
  '-f',
  'lavfi',
  '-i',
  'testsrc=s=128x128:r=100:d=1',
  '-frames:v',
  '100',
  '-f',
  'image2',
  path.join(imagesDir, 'img%03d.png'),
]);
const media = new MediaService(
  library.store,
  new ContentStore(path.join(dir, 'media')),
  testTools(),
  {
    object: (sha) => `/media/${sha}`,
    thumbnail: (sha) => `/media/thumbs/${sha}.jpg`,
  },
);
const importStart = process.hrtime.bigint();
const result = await media.importFiles(
  fs.readdirSync(imagesDir).map((name) => ({ path: path.join(imagesDir, name), name })),
);
const importMs = ms(importStart);
if (result.imported.length !== 100) throw new Error(`imported ${result.imported.length} of 100`);

library.close();
fs.rmSync(dir, { recursive: true, force: true });

process.stderr.write(
  `store: list p99 ${round(list.p99)} ms, open p99 ${round(open.p99)} ms, update p99 ${round(update.p99)} ms (raw ${round(raw.p99)} ms; fsync alone p50 ${round(fsync.p50)} ms; without fsync ${round(updateNoFsync.p50)} vs raw ${round(rawNoFsync.p50)} ms p50), 100 images ${Math.round(importMs)} ms\n`,
);
printResult({
  projects: PROJECTS + 1,
  segments: PROJECTS * SEGMENTS_PER_PROJECT + 200,
  list_p50_ms: round(list.p50),
  list_p99_ms: round(list.p99),
  open_p50_ms: round(open.p50),
  open_p99_ms: round(open.p99),
  update_p50_ms: round(update.p50),
  update_p99_ms: round(update.p99),
  raw_update_p50_ms: round(raw.p50),
  raw_update_p99_ms: round(raw.p99),
  update_vs_raw_p99: round(update.p99 / raw.p99, 2),
  fsync_p50_ms: round(fsync.p50),
  fsync_p99_ms: round(fsync.p99),
  compile_update_p50_ms: round(compile.p50),
  compile_update_p99_ms: round(compile.p99),
  update_nofsync_p50_ms: round(updateNoFsync.p50),
  update_nofsync_p99_ms: round(updateNoFsync.p99),
  raw_update_nofsync_p50_ms: round(rawNoFsync.p50),
  raw_update_nofsync_p99_ms: round(rawNoFsync.p99),
  import_100_images_ms: Math.round(importMs),
  seed_ms: Math.round(seedMs),
  load_avg_1m: round(os.loadavg()[0] ?? 0, 2),
});
