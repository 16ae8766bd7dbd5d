import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import type { RenderJobStore, StoredRenderJob } from '../../pipeline/render/render-job-store';
import type { ProjectDetail } from '../../../shared/contract/projects.contract';
import { findRenderedOutput } from './rendered-output';

const tempDir = useTempDirs();

function job(id: string, patch: Partial<StoredRenderJob>): StoredRenderJob {
  return {
    id,
    status: 'done',
    outputName: `${id}.mp4`,
    outputFileId: null,
    preset: null,
    createdAt: '2026-11-22T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    progress: null,
    encoder: 'libx264',
    duration: 10,
    seconds: 5,
    error: null,
    projectId: null,
    timeline: {},
    targetPath: '/nonexistent.mp4',
    ...patch,
  };
}

function jobs(list: StoredRenderJob[]): RenderJobStore {
  return { list: () => list, get: (id) => list.find((j) => j.id === id), put: () => undefined };
}

const project = (settings: Record<string, unknown> = {}) =>
  ({ id: 'p1', title: 'Octopus facts', idea: 'three facts', settings }) as unknown as ProjectDetail;

describe("a project's rendered output", () => {
  it('is the newest finished render job of that project whose file is still there', () => {
    const dir = tempDir();
    const newest = path.join(dir, 'newest.mp4');
    const older = path.join(dir, 'older.mp4');
    fs.writeFileSync(newest, 'x');
    fs.writeFileSync(older, 'x');
    const store = jobs([
      job('j4', { projectId: 'p1', status: 'failed', targetPath: newest }),
      job('j3', { projectId: 'p2', targetPath: newest }),
      job('j2', { projectId: 'p1', targetPath: newest }),
      job('j1', { projectId: 'p1', targetPath: older }),
    ]);
    const found = findRenderedOutput(
      { renderJobs: store, projects: { get: () => project() } },
      'p1',
    );
    expect(found).toMatchObject({
      path: newest,
      title: 'Octopus facts',
      projectId: 'p1',
      prompt: 'three facts',
    });
  });

  it('falls back to lastRenderPath, and says plainly when there is no render', () => {
    const dir = tempDir();
    const file = path.join(dir, 'by-hand.mp4');
    fs.writeFileSync(file, 'x');
    const gone = jobs([job('j1', { projectId: 'p1', targetPath: path.join(dir, 'deleted.mp4') })]);
    expect(
      findRenderedOutput(
        { renderJobs: gone, projects: { get: () => project({ lastRenderPath: file }) } },
        'p1',
      ).path,
    ).toBe(file);
    expect(() =>
      findRenderedOutput({ renderJobs: gone, projects: { get: () => project() } }, 'p1'),
    ).toThrow(/“Octopus facts” has no finished render yet/);
  });
});
