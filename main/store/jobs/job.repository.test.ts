import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../testing/temp-library';
import { insertProject } from '../projects/project.repository';
import {
  createJob,
  getJob,
  INTERRUPTED,
  listJobs,
  markInterrupted,
  requireJob,
  updateJob,
} from './job.repository';

const tempDir = useTempDirs();

describe('jobs repository', () => {
  it('creates, updates, lists by type and project, and marks interrupted jobs failed', () => {
    const dir = tempDir();
    const library = openTempLibrary(dir);
    const store = library.store;
    const projectId = insertProject(store, { title: 'P' });
    const gen = createJob(
      store,
      { type: 'generate', projectId, status: 'running', input: { idea: 'x' } },
      1000,
    );
    expect(gen).toMatchObject({
      type: 'generate',
      status: 'running',
      projectId,
      progress: 0,
      input: { idea: 'x' },
      output: null,
      checkpoint: null,
      createdAt: 1000,
    });
    const render = createJob(store, { type: 'render', input: { t: 1 } }, 2000);
    const done = createJob(store, { type: 'render', input: {}, status: 'succeeded' }, 3000);
    const updated = updateJob(
      store,
      gen.id,
      { progress: 0.5, checkpoint: { stage: 'images' }, output: { usage: 1 } },
      1500,
    );
    expect(updated).toMatchObject({
      progress: 0.5,
      checkpoint: { stage: 'images' },
      output: { usage: 1 },
      updatedAt: 1500,
    });
    expect(updateJob(store, gen.id, { progress: 7 }).progress).toBe(1);
    expect(listJobs(store, { type: 'render' }).map((j) => j.id)).toEqual([done.id, render.id]);
    expect(listJobs(store, { projectId }).map((j) => j.id)).toEqual([gen.id]);
    library.close();

    // After a crash: the next start marks what was queued or running as failed, with a reason.
    const again = openTempLibrary(dir);
    const stopped = markInterrupted(again.store, 'render');
    expect(stopped.map((j) => j.id)).toEqual([render.id]);
    expect(requireJob(again.store, render.id)).toMatchObject({
      status: 'failed',
      error: {
        code: INTERRUPTED,
        message: expect.stringMatching(/stopped while this render job was queued/),
      },
    });
    expect(getJob(again.store, gen.id)?.status).toBe('running');
    expect(markInterrupted(again.store).map((j) => j.id)).toEqual([gen.id]);
    expect(getJob(again.store, done.id)?.status).toBe('succeeded');
    expect(() => updateJob(again.store, 'nope', { progress: 1 })).toThrow(/No job nope/);
    const plan = (
      again.store.sqlite
        .prepare("explain query plan select * from jobs where status in ('queued', 'running')")
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/jobs_status/);
    again.close();
  });
});
