import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineInput } from '../../../shared/timeline';
import type { RenderService } from './render.service';
import {
  H,
  W,
  ensureFonts,
  frameRgb,
  loudness,
  makeService,
  meanVolume,
  near,
  pixel,
  probe,
  share,
  still,
  tone,
  video,
} from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

const RED: [number, number, number] = [255, 0, 0];
const BLUE: [number, number, number] = [0, 0, 255];
const BLACK: [number, number, number] = [0, 0, 0];
const GREEN: [number, number, number] = [0, 255, 0];

let dir: string;
let service: RenderService;

const base = {
  version: 1,
  output: { preset: 'tiktok', width: W, height: H, fps: 30 },
  encoder: { speed: 'ultrafast', hardware: false },
} as const satisfies Partial<TimelineInput>;

async function render(timeline: Omit<TimelineInput, 'version'>, name: string) {
  const output = path.join(dir, name);
  const result = await service.render({ timeline: { ...base, ...timeline }, output });
  return { ...result, file: output };
}

beforeAll(async () => {
  ensureFonts();
  dir = tempDir();
  service = await makeService(dir);
  still(dir, 'red-wide.png', 'red', 400, 300);
  still(dir, 'blue.png', 'blue', 320, 568);
  still(dir, 'green.png', 'lime', 100, 100);
  video(dir, 'tone.mp4', 'red', 1.2, 440);
  video(dir, 'tone2.mp4', 'blue', 1.2, 440);
  tone(dir, 'voice.wav', 300, 4, -30);
  tone(dir, 'music.wav', 150, 4, -20);
});

describe('render output', () => {
  it('has the timeline duration within one frame, the size, yuv420p H.264, AAC 48 kHz stereo and faststart', async () => {
    const r = await render(
      {
        clips: [
          { type: 'image', media: { path: 'red-wide.png' }, duration: 1 },
          { type: 'image', media: { path: 'blue.png' }, duration: 1, motion: { type: 'zoom-in' } },
        ],
      },
      'basic.mp4',
    );
    const p = probe(r.file);
    const v = p.streams.find((s) => s.codec_type === 'video');
    const a = p.streams.find((s) => s.codec_type === 'audio');
    expect(Math.abs(Number(p.format.duration) - 2)).toBeLessThanOrEqual(1 / 30 + 0.01);
    expect(Number(v?.nb_frames)).toBe(60);
    expect(v).toMatchObject({ codec_name: 'h264', width: W, height: H, pix_fmt: 'yuv420p' });
    expect(a).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    const head = fs.readFileSync(r.file).subarray(0, 4096).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(0); // +faststart: the index comes first
    expect(r).toMatchObject({ encoder: 'libx264', duration: 2 });
  });

  it('fits pictures by cover, contain and blur', async () => {
    const r = await render(
      {
        clips: [
          { type: 'image', media: { path: 'red-wide.png' }, duration: 1, fit: 'cover' },
          { type: 'image', media: { path: 'red-wide.png' }, duration: 1, fit: 'contain' },
          { type: 'image', media: { path: 'red-wide.png' }, duration: 1, fit: 'blur' },
        ],
      },
      'fit.mp4',
    );
    const [cover, contain, blur] = [0.5, 1.5, 2.5].map((t) => frameRgb(r.file, t));
    expect(near(pixel(cover!, W, 160, 10), RED)).toBe(true);
    expect(near(pixel(cover!, W, 5, H - 5), RED)).toBe(true);
    expect(near(pixel(contain!, W, 160, 10), BLACK)).toBe(true);
    expect(near(pixel(contain!, W, 160, H / 2), RED)).toBe(true);
    // blur: the bars are a blurred copy of the picture, not black
    expect(near(pixel(blur!, W, 160, 10), RED, 70)).toBe(true);
    expect(near(pixel(blur!, W, 160, H / 2), RED)).toBe(true);
  });

  it('shortens the total by the transition overlaps and blends across them', async () => {
    const r = await render(
      {
        clips: [
          {
            type: 'image',
            media: { path: 'red-wide.png' },
            duration: 1,
            transition: { type: 'fade', duration: 0.5 },
          },
          {
            type: 'image',
            media: { path: 'blue.png' },
            duration: 1,
            transition: { type: 'wipeleft', duration: 0.5 },
          },
          { type: 'image', media: { path: 'red-wide.png' }, duration: 1 },
        ],
      },
      'xfade.mp4',
    );
    const p = probe(r.file);
    expect(r.duration).toBeCloseTo(2, 6); // 3 × 1 s − 2 × 0.5 s
    expect(Math.abs(Number(p.format.duration) - 2)).toBeLessThanOrEqual(1 / 30 + 0.01);
    const mid = pixel(frameRgb(r.file, 0.75), W, 160, 284);
    expect(mid[0]).toBeGreaterThan(60);
    expect(mid[2]).toBeGreaterThan(60);
  });

  it('draws title cards and logos only inside their time ranges', async () => {
    const r = await render(
      {
        clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 2 }],
        overlays: [
          { type: 'title', text: 'TITLE', start: 0, end: 1, position: 'center', fontSize: 90 },
          {
            type: 'image',
            media: { path: 'green.png' },
            start: 1,
            end: 2,
            x: 0.5,
            y: 0.2,
            width: 0.25,
          },
        ],
      },
      'overlays.mp4',
    );
    const before = frameRgb(r.file, 0.5);
    const after = frameRgb(r.file, 1.5);
    const box = { x: 60, y: 250, w: 200, h: 60 };
    const notBlue = (rgb: [number, number, number]) => !near(rgb, BLUE);
    expect(share(before, W, box, notBlue)).toBeGreaterThan(0.5);
    expect(share(after, W, box, notBlue)).toBeLessThan(0.01);
    expect(near(pixel(before, W, 160, 113), BLUE)).toBe(true);
    expect(near(pixel(after, W, 160, 113), GREEN)).toBe(true);
  });

  it("keeps a clip's own sound when asked and mutes it otherwise", async () => {
    const r = await render(
      {
        clips: [
          { type: 'video', media: { path: 'tone.mp4' }, duration: 1, audio: { keep: true } },
          { type: 'video', media: { path: 'tone2.mp4' }, duration: 1 },
        ],
      },
      'clip-audio.mp4',
    );
    expect(meanVolume(r.file, 0.1, 0.7)).toBeGreaterThan(-30);
    expect(meanVolume(r.file, 1.2, 0.7)).toBeLessThan(-60);
    expect(near(pixel(frameRgb(r.file, 0.5), W, 160, 284), RED)).toBe(true);
    expect(near(pixel(frameRgb(r.file, 1.5), W, 160, 284), BLUE)).toBe(true);
  });

  it('normalises voice + ducked music to the loudness target', async () => {
    const r = await render(
      {
        clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 4 }],
        audio: {
          voice: [{ media: { path: 'voice.wav' } }],
          music: { media: { path: 'music.wav' }, fadeIn: 0, fadeOut: 0 },
        },
      },
      'loud.mp4',
    );
    const { integrated, truePeak } = loudness(r.file);
    expect(Math.abs(integrated - -14)).toBeLessThanOrEqual(1);
    expect(truePeak).toBeLessThanOrEqual(-1);
  });
});
