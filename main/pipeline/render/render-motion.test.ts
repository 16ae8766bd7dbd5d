import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineInput } from '../../../shared/timeline';
import { createMemoryLogger } from '../../util/logger';
import { HardwareEncoderDetector } from './hardware-encoders';
import type { HardwareEncoder } from './encoder-args';
import { PathMediaResolver } from './media-resolver';
import { RenderService } from './render.service';
import {
  FONTS_DIR,
  H,
  W,
  boxed,
  columnCount,
  ffmpegTools,
  frameRgb,
  halves,
  makeService,
  near,
  pixel,
  probe,
  rowCount,
} from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();
const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];
const isRed = (rgb: [number, number, number]) => near(rgb, RED, 60);

let dir: string;
let service: RenderService;

const base = {
  version: 1,
  output: { preset: 'tiktok', width: W, height: H, fps: 30 },
  encoder: { speed: 'ultrafast', hardware: false },
} as const satisfies Partial<TimelineInput>;

beforeAll(async () => {
  dir = tempDir();
  service = await makeService(dir);
  boxed(dir, 'box.png', ['blue', 'red'], W, H, 80);
  halves(dir, 'lr.png', ['red', 'blue'], W, H);
  halves(dir, 'tb.png', ['red', 'blue'], W, H, true);
  halves(dir, 'wide.png', ['red', 'blue'], 640, 300);
}, 60_000);

describe('motion and focus', () => {
  it('zooms in and out, pans, and cover-crops around the focus point', async () => {
    const clip = (file: string, extra: object) => ({
      type: 'image' as const,
      media: { path: file },
      duration: 1,
      ...extra,
    });
    const strong = (type: string) => ({ motion: { type, strength: 0.5 } });
    const output = path.join(dir, 'motion.mp4');
    await service.render({
      timeline: {
        ...base,
        clips: [
          clip('box.png', strong('zoom-in')),
          clip('box.png', strong('zoom-out')),
          clip('lr.png', strong('pan-right')),
          clip('lr.png', strong('pan-left')),
          clip('tb.png', strong('pan-down')),
          clip('wide.png', { focus: { x: 0, y: 0.5 } }),
          clip('wide.png', { focus: { x: 1, y: 0.5 } }),
        ],
      },
      output,
    });
    expect(Number(probe(output).streams.find((s) => s.codec_type === 'video')?.nb_frames)).toBe(
      210,
    );
    const first = (k: number) => frameRgb(output, Math.max(0, k - 0.005));
    const last = (k: number) => frameRgb(output, k + 29 / 30 - 0.005);
    const row = H / 2;
    // Zoom: the 80 px box (120 px on the 1.5× canvas) grows from 80 to 120 px, or shrinks back.
    expect(rowCount(first(0), W, row, isRed)).toBeGreaterThanOrEqual(76);
    expect(rowCount(first(0), W, row, isRed)).toBeLessThanOrEqual(86);
    expect(rowCount(last(0), W, row, isRed)).toBeGreaterThanOrEqual(114);
    expect(rowCount(last(1), W, row, isRed)).toBeLessThanOrEqual(86);
    expect(rowCount(first(1), W, row, isRed)).toBeGreaterThanOrEqual(114);
    // Pans over a 480 px canvas split at 240: the red part is 240 px at one end, 80 at the other.
    const red = (frame: Buffer) => rowCount(frame, W, row, isRed);
    expect(Math.abs(red(first(2)) - 240)).toBeLessThanOrEqual(4);
    expect(Math.abs(red(last(2)) - 80)).toBeLessThanOrEqual(6);
    expect(Math.abs(red(first(3)) - 80)).toBeLessThanOrEqual(6);
    expect(Math.abs(red(last(3)) - 240)).toBeLessThanOrEqual(4);
    // Pan down over an 852 px canvas split at 426: red 426 px tall at the start, 142 at the end.
    const tall = (frame: Buffer) => columnCount(frame, W, H, W / 2, isRed);
    expect(Math.abs(tall(first(4)) - 426)).toBeLessThanOrEqual(6);
    expect(Math.abs(tall(last(4)) - 142)).toBeLessThanOrEqual(8);
    // Focus: a wide red|blue picture cover-cropped at its left edge is red, at its right blue.
    expect(near(pixel(first(5), W, W / 2, row), RED)).toBe(true);
    expect(near(pixel(first(6), W, W / 2, row), BLUE)).toBe(true);
  }, 120_000);

  it('moves stills at half rate in a proxy, with the same frame count and end framing', async () => {
    const output = path.join(dir, 'proxy-motion.mp4');
    await service.render({
      timeline: {
        ...base,
        clips: [
          {
            type: 'image',
            media: { path: 'box.png' },
            duration: 1,
            motion: { type: 'zoom-in', strength: 0.5 },
          },
          {
            type: 'image',
            media: { path: 'box.png' },
            duration: 1.2,
            motion: { type: 'zoom-out', strength: 0.5 },
          },
        ],
      },
      output,
      preset: 'proxy',
    });
    const v = probe(output).streams.find((s) => s.codec_type === 'video');
    // The proxy: half size (160×284) at 15 fps: 15 + 18 frames.
    expect(v).toMatchObject({ width: W / 2, height: H / 2 });
    expect(Number(v?.nb_frames)).toBe(33);
    const pw = W / 2;
    // Frame k of the proxy (frames are picked from their start time on).
    const boxAt = (k: number) =>
      rowCount(frameRgb(output, Math.max(0, k / 15 - 0.005)), pw, H / 4, isRed);
    // The 40 px box grows to 60 px over the first clip and shrinks back over the second.
    expect(Math.abs(boxAt(0) - 40)).toBeLessThanOrEqual(4);
    expect(Math.abs(boxAt(14) - 60)).toBeLessThanOrEqual(4);
    expect(Math.abs(boxAt(15) - 60)).toBeLessThanOrEqual(4);
    expect(Math.abs(boxAt(32) - 40)).toBeLessThanOrEqual(4);
    // In between, each moved frame is shown twice: frames 2k and 2k+1 have the same box.
    const sizes = Array.from({ length: 14 }, (_, k) => boxAt(k));
    expect(sizes[4]).toBe(sizes[5]);
    expect(sizes[8]).toBe(sizes[9]);
    expect(sizes[9]).toBeLessThan(sizes[13] ?? 0);
  }, 120_000);

  it('renders clips whose two transitions overlap with the exact total', async () => {
    const output = path.join(dir, 'overlap.mp4');
    const fade = { type: 'fade', duration: 0.6 } as const;
    const r = await service.render({
      timeline: {
        ...base,
        clips: [
          { type: 'image', media: { path: 'lr.png' }, duration: 1, transition: fade },
          { type: 'image', media: { path: 'box.png' }, duration: 1, transition: fade },
          { type: 'image', media: { path: 'tb.png' }, duration: 1 },
        ],
      },
      output,
    });
    expect(r.duration).toBeCloseTo(1.8, 6);
    const v = probe(output).streams.find((s) => s.codec_type === 'video');
    expect(Number(v?.nb_frames)).toBe(54);
    expect(near(pixel(frameRgb(output, 1.75), W, W / 2, H - 10), BLUE)).toBe(true);
  });
});

describe('hardware encoder fallback', () => {
  it('redoes a render with libx264 when the picked hardware encoder fails, and says so', async () => {
    class Claims extends HardwareEncoderDetector {
      override pick(): Promise<HardwareEncoder | null> {
        return Promise.resolve('h264_nvenc');
      }
    }
    const tools = await ffmpegTools();
    const log = createMemoryLogger();
    const hw = new RenderService({
      tools: () => Promise.resolve({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe }),
      media: new PathMediaResolver(dir),
      fontsDir: FONTS_DIR,
      hardware: new Claims(),
      hardwareAllowed: () => true,
      log,
    });
    const output = path.join(dir, 'fallback.mp4');
    const r = await hw.render({
      timeline: {
        ...base,
        encoder: { speed: 'ultrafast', hardware: true },
        clips: [{ type: 'image', media: { path: 'lr.png' }, duration: 0.5 }],
      },
      output,
    });
    expect(r.encoder).toBe('libx264');
    expect(probe(output).streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264');
    expect(log.lines.join('\n')).toContain('h264_nvenc failed');
  });
});
