import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderJob } from '../../../shared/contract/render.contract';
import { createMemoryLogger } from '../../util/logger';
import type { Library } from '../../store/db/open-library';
import { openTempLibrary } from '../../store/testing/temp-library';
import { LibraryRenderJobStore } from './render-job-store';
import { RenderQueue, renderJobSlots } from './render-queue.service';
import type { RenderService } from './render.service';
import { H, W, makeService, probe, still } from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

let dir: string;
let service: RenderService;

beforeAll(async () => {
  dir = tempDir();
  service = await makeService(dir);
  still(dir, 'blue.png', 'blue', W, H);
});

const timeline = (duration: number) => ({
  version: 1,
  output: { width: W, height: H },
  encoder: { speed: 'ultrafast', hardware: false },
  clips: [{ type: 'image', media: { path: 'blue.png' }, duration, motion: { type: 'zoom-in' } }],
});

const libraries: Library[] = [];
afterAll(() => libraries.forEach((library) => library.close()));

/** The render jobs of the library in `dataDir` (each call: a new connection, as after a restart). */
function jobStore(dataDir: string): LibraryRenderJobStore {
  const library = openTempLibrary(dataDir);
  libraries.push(library);
  return new LibraryRenderJobStore(library.store);
}

function queue(dataDir: string, seen: RenderJob[] = [], progress: string[] = [], slots = 1) {
  return new RenderQueue(
    jobStore(dataDir),
    service,
    { job: (job) => seen.push(job), progress: (id) => progress.push(id) },
    createMemoryLogger(),
    slots,
  );
}

describe('render queue', () => {
  it('runs one job at a time, cancels a queued one, reports progress, and re-runs', async () => {
    const data = tempDir();
    const seen: RenderJob[] = [];
    const progress: string[] = [];
    const q = queue(data, seen, progress);
    const target = (name: string) => ({
      targetPath: path.join(dir, name),
      outputName: name,
      outputFileId: null,
    });
    const first = q.enqueue({ timeline: timeline(2), ...target('a.mp4') });
    const second = q.enqueue({ timeline: timeline(1), ...target('b.mp4') });
    const third = q.enqueue({ timeline: timeline(1), ...target('c.mp4') });
    expect(q.get(first.id).status).toBe('running');
    expect(q.get(second.id).status).toBe('queued');
    expect(q.cancel(third.id).status).toBe('cancelled');
    await q.whenIdle();
    expect(q.get(first.id)).toMatchObject({ status: 'done', encoder: 'libx264', duration: 2 });
    expect(q.get(second.id).status).toBe('done');
    expect(Number(probe(path.join(dir, 'b.mp4')).format.duration)).toBeCloseTo(1, 1);
    expect(fs.existsSync(path.join(dir, 'c.mp4'))).toBe(false);
    expect(progress).toContain(first.id);
    // Never two running at once.
    const runningAt = seen.filter((j) => j.status === 'running').map((j) => j.id);
    expect(runningAt).toEqual([first.id, second.id]);
    const again = q.rerun(third.id);
    await q.whenIdle();
    expect(q.get(again.id).status).toBe('done');
    expect(fs.existsSync(path.join(dir, 'c.mp4'))).toBe(true);
  });

  it('runs as many jobs at once as configured (REELSMITH_RENDER_JOBS)', async () => {
    expect(renderJobSlots({})).toBe(1);
    expect(renderJobSlots({ REELSMITH_RENDER_JOBS: '2' })).toBe(2);
    expect(renderJobSlots({ REELSMITH_RENDER_JOBS: 'many' })).toBe(1);
    expect(renderJobSlots({ REELSMITH_RENDER_JOBS: '0' })).toBe(1);
    const q = queue(tempDir(), [], [], renderJobSlots({ REELSMITH_RENDER_JOBS: '2' }));
    const job = (name: string) =>
      q.enqueue({
        timeline: timeline(1),
        targetPath: path.join(dir, name),
        outputName: name,
        outputFileId: null,
      });
    const [a, b, c] = [job('p1.mp4'), job('p2.mp4'), job('p3.mp4')];
    expect([a, b, c].map((j) => q.get(j.id).status)).toEqual(['running', 'running', 'queued']);
    await q.whenIdle();
    expect([a, b, c].map((j) => q.get(j.id).status)).toEqual(['done', 'done', 'done']);
    expect(Number(probe(path.join(dir, 'p3.mp4')).format.duration)).toBeCloseTo(1, 1);
  });

  it('cancels a running job and removes its temp file', async () => {
    const q = queue(tempDir());
    const job = q.enqueue({
      timeline: timeline(60),
      targetPath: path.join(dir, 'long.mp4'),
      outputName: 'long.mp4',
      outputFileId: null,
    });
    await new Promise((r) => setTimeout(r, 300));
    q.cancel(job.id);
    await q.whenIdle();
    expect(q.get(job.id).status).toBe('cancelled');
    expect(fs.readdirSync(dir).filter((f) => f.includes('long'))).toEqual([]);
  });

  it('marks jobs a crash left running as failed, with a reason, at the next start', () => {
    const data = tempDir();
    const store = jobStore(data);
    const job = {
      id: 'j1',
      status: 'running',
      outputName: 'x.mp4',
      outputFileId: null,
      preset: null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      progress: null,
      encoder: null,
      duration: null,
      seconds: null,
      error: null,
      timeline: timeline(1),
      targetPath: path.join(dir, 'x.mp4'),
      projectId: null,
    } as const;
    store.put(job);
    const q = queue(data);
    expect(q.recover()).toBe(1);
    expect(q.get('j1')).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    const restarted = queue(data);
    expect(restarted.get('j1').status).toBe('failed'); // persisted in the jobs table
    const row = libraries
      .at(-1)
      ?.store.sqlite.prepare('select type, status from jobs where id = ?')
      .get('j1');
    expect(row).toEqual({ type: 'render', status: 'failed' });
  });

  it('re-runs a job a crash interrupted', async () => {
    const data = tempDir();
    const store = jobStore(data);
    const first = queue(data);
    const job = first.enqueue({
      timeline: timeline(1),
      targetPath: path.join(dir, 'again.mp4'),
      outputName: 'again.mp4',
      outputFileId: null,
    });
    await first.whenIdle();
    // As if the process had died while running it.
    store.put({ ...store.get(job.id)!, status: 'running' });
    fs.rmSync(path.join(dir, 'again.mp4'));
    const q = queue(data);
    expect(q.recover()).toBe(1);
    const rerun = q.rerun(job.id);
    await q.whenIdle();
    expect(q.get(rerun.id).status).toBe('done');
    expect(Number(probe(path.join(dir, 'again.mp4')).format.duration)).toBeCloseTo(1, 1);
    expect(q.list().map((j) => j.id)).toEqual([rerun.id, job.id]);
  });
});
