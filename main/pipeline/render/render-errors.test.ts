import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { RenderProgress } from './progress-parser';
import type { RenderService } from './render.service';
import { H, W, makeService, still } from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

let dir: string;
let service: RenderService;

beforeAll(async () => {
  dir = tempDir();
  service = await makeService(dir);
  still(dir, 'blue.png', 'blue', W, H);
});

const timeline = (clips: unknown[]) => ({
  version: 1,
  output: { width: W, height: H },
  encoder: { speed: 'ultrafast', hardware: false },
  clips,
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('render errors', () => {
  it('names the field of an invalid timeline', async () => {
    const error = await failure(
      service.render({
        output: path.join(dir, 'x.mp4'),
        timeline: timeline([{ type: 'image', media: { path: 'blue.png' }, duration: -1 }]),
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('clips.0.duration');
  });

  it('names a transition longer than its clips', async () => {
    const error = await failure(
      service.render({
        output: path.join(dir, 'x.mp4'),
        timeline: timeline([
          {
            type: 'image',
            media: { path: 'blue.png' },
            duration: 1,
            transition: { type: 'fade', duration: 2 },
          },
          { type: 'image', media: { path: 'blue.png' }, duration: 1 },
        ]),
      }),
    );
    expect(error.message).toContain('clips.0.transition.duration');
  });

  it('names a missing media file', async () => {
    const error = await failure(
      service.render({
        output: path.join(dir, 'x.mp4'),
        timeline: timeline([{ type: 'image', media: { path: 'nowhere/beach.png' }, duration: 1 }]),
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(path.join(dir, 'nowhere/beach.png'));
    expect(error.message).toContain('clips.0.media');
  });

  it('reports progress and, when cancelled, kills ffmpeg and leaves no output or temp file', async () => {
    const output = path.join(dir, 'cancelled.mp4');
    const controller = new AbortController();
    const seen: RenderProgress[] = [];
    const error = await failure(
      service.render({
        output,
        signal: controller.signal,
        timeline: timeline([
          { type: 'image', media: { path: 'blue.png' }, duration: 60, motion: { type: 'zoom-in' } },
        ]),
        onProgress: (p) => {
          seen.push(p);
          if (p.outSeconds > 0.5) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(seen.length).toBeGreaterThan(0);
    expect(fs.existsSync(output)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('cancelled'))).toEqual([]);
  });

  it('reports progress up to 100 % on a finished render', async () => {
    const seen: RenderProgress[] = [];
    await service.render({
      output: path.join(dir, 'progress.mp4'),
      timeline: timeline([{ type: 'image', media: { path: 'blue.png' }, duration: 1 }]),
      onProgress: (p) => seen.push(p),
    });
    expect(seen.at(-1)).toMatchObject({ percent: 100, done: true });
    const percents = seen.map((p) => p.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });
});
