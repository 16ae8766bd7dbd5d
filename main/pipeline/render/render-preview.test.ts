import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { HardwareEncoderDetector } from './hardware-encoders';
import type { RenderService } from './render.service';
import { H, W, ffmpegTools, makeService, near, pixel, still } from './render-test-kit';
import { execFileSync } from 'node:child_process';

const tempDir = useTempDirs();
let dir: string;
let service: RenderService;

beforeAll(async () => {
  dir = tempDir();
  service = await makeService(dir);
  still(dir, 'red.png', 'red', W, H);
  still(dir, 'blue.png', 'blue', W, H);
});

function png(file: string): Buffer {
  return execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    {
      maxBuffer: 16 << 20,
    },
  );
}

describe('previews', () => {
  it('renders the single frame at t from the clips on screen then', async () => {
    const timeline = {
      version: 1,
      output: { width: W, height: H },
      clips: [
        {
          type: 'image',
          media: { path: 'red.png' },
          duration: 30,
          transition: { type: 'fade', duration: 1 },
        },
        { type: 'image', media: { path: 'blue.png' }, duration: 30 },
      ],
    };
    const early = path.join(dir, 'early.png');
    const late = path.join(dir, 'late.png');
    const started = Date.now();
    await service.frame({ timeline, t: 5, output: early });
    await service.frame({ timeline, t: 45, output: late });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(near(pixel(png(early), W, 160, 284), [255, 0, 0])).toBe(true);
    expect(near(pixel(png(late), W, 160, 284), [0, 0, 255])).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
  });

  it('finds no hardware encoder on a machine without one, and says why', async () => {
    const { ffmpegPath } = await ffmpegTools();
    const probes = await new HardwareEncoderDetector().detect(ffmpegPath);
    expect(probes.map((p) => p.encoder)).toContain('h264_nvenc');
    for (const p of probes.filter((x) => !x.works)) expect(p.reason).toBeTruthy();
  });
});
