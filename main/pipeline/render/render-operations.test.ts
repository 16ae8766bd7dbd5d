import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import type { RenderJob } from '../../../shared/contract/render.contract';
import { createServices } from '../../services';
import { createMemoryLogger } from '../../util/logger';
import { H, W, probe, still } from './render-test-kit';

const tempDir = useTempDirs();

describe('render.* through the router', () => {
  it('queues a render into a save handle, pushes job events, and exports captions', async () => {
    const media = tempDir();
    const blue = still(media, 'blue.png', 'blue', W, H);
    const services = createServices({
      dataDir: tempDir(),
      shell: 'test',
      log: createMemoryLogger(),
    });
    try {
      const jobs: RenderJob[] = [];
      services.events.on('render.job', (job) => jobs.push(job));
      const target = services.fileRegistry.registerLocalTarget(path.join(media, 'out.mp4'));
      const timeline = {
        version: 1,
        output: { width: W, height: H },
        encoder: { speed: 'ultrafast', hardware: false },
        clips: [{ type: 'image', media: { path: blue }, duration: 1 }],
        captions: { words: [{ text: 'Hi', start: 0, end: 0.5 }] },
      };
      const ctx = { transport: 'in-process' } as const;
      const started = await services.router.handle(
        'render.start',
        { timeline, target: { id: target.id } },
        ctx,
      );
      expect(started.ok).toBe(true);
      await services.renderQueue.whenIdle();
      expect(jobs.map((j) => j.status)).toEqual(['queued', 'running', 'done']);
      expect(jobs.at(-1)).toMatchObject({
        outputName: 'out.mp4',
        outputFileId: target.id,
        encoder: 'libx264',
      });
      expect(Number(probe(target.path).format.duration)).toBeCloseTo(1, 1);

      const srt = await services.router.handle('render.captions', { timeline, format: 'srt' }, ctx);
      expect(srt).toEqual({ ok: true, value: { text: '1\n00:00:00,000 --> 00:00:00,500\nHi\n' } });

      const bad = await services.router.handle(
        'render.start',
        { timeline: { ...timeline, clips: [] }, target: { id: target.id } },
        ctx,
      );
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toContain('clips');

      const frame = await services.router.handle('render.frame', { timeline, t: 0.5 }, ctx);
      expect(frame.ok).toBe(true);
      if (frame.ok) {
        const entry = services.fileRegistry.get((frame.value as { id: string }).id);
        expect(fs.statSync(entry.path).size).toBeGreaterThan(0);
      }
    } finally {
      await services.close();
    }
  });
});
