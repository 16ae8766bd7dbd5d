import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RenderService } from './render.service';
import { BUNDLED_FAMILIES } from './captions/script-fonts';
import { buildAssDocument } from './captions/ass-document';
import { CaptionStyle } from '../../../shared/timeline';
import {
  FONTS_DIR,
  H,
  W,
  ensureFonts,
  frameRgb,
  makeService,
  near,
  share,
  still,
} from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

let dir: string;
let service: RenderService;

beforeAll(async () => {
  ensureFonts();
  dir = tempDir();
  service = await makeService(dir);
  still(dir, 'blue.png', 'blue', W, H);
});

const white = (rgb: [number, number, number]) => near(rgb, [255, 255, 255], 30);
/** The lower-third band the bottom captions sit in (safe area 25 %). */
const band = { x: 10, y: Math.round(H * 0.75) - 110, w: W - 20, h: 110 };
const top = { x: 10, y: 20, w: W - 20, h: 150 };

describe('captions', () => {
  it('has libass pick the bundled font for every script the captions switch to', () => {
    const samples = ['Hello.', 'مرحبا.', 'שלום.', 'नमस्ते.', '日本語。', '🎉'];
    const ass = path.join(dir, 'scripts.ass');
    const document = buildAssDocument({
      width: W,
      height: H,
      overlays: [],
      captions: {
        words: samples.map((text, k) => ({ text, start: k, end: k + 0.5 })),
        style: CaptionStyle.parse({ highlight: 'none' }),
      },
    });
    fs.writeFileSync(ass, document ?? '');
    // ffmpeg's verbose log shows libass's choice: "fontselect: (Family, 700, 0) -> PostScriptName".
    const args = ['-v', 'verbose', '-f', 'lavfi', '-i', `color=s=${W}x${H}:d=6`];
    const filter = ['-vf', `ass=${ass}:fontsdir=${FONTS_DIR}`, '-f', 'null', '-'];
    const log = spawnSync('ffmpeg', [...args, ...filter], { encoding: 'utf8' }).stderr;
    for (const family of Object.values(BUNDLED_FAMILIES)) {
      const picked = new RegExp(`\\(${family}, 700, 0\\) -> ([^,]+),`).exec(log)?.[1];
      expect(picked, family).toBe(`${family.replace(/ /g, '')}-Bold`);
    }
    expect(log).not.toContain('failed to find any fallback');
  });

  it('makes emoji above U+FFFF reachable for libass 0.17.1 (its first Unicode cmap is the full one)', () => {
    const font = fs.readFileSync(path.join(FONTS_DIR, 'NotoEmoji_700Bold.ttf'));
    const tables = font.readUInt16BE(4);
    const offsets = new Map<string, number>();
    for (let i = 0; i < tables; i++) {
      const record = 12 + 16 * i;
      if (font.toString('latin1', record, record + 4) !== 'cmap') continue;
      const cmap = font.readUInt32BE(record + 8);
      for (let j = 0; j < font.readUInt16BE(cmap + 2); j++) {
        const at = cmap + 4 + 8 * j;
        offsets.set(
          `${font.readUInt16BE(at)},${font.readUInt16BE(at + 2)}`,
          font.readUInt32BE(at + 4),
        );
      }
    }
    expect(offsets.get('3,1')).toBe(offsets.get('3,10'));
  });

  it('shows Latin, Arabic and Japanese words when they are spoken and nothing elsewhere', async () => {
    const output = path.join(dir, 'captions.mp4');
    await service.render({
      output,
      timeline: {
        version: 1,
        output: { width: W, height: H },
        encoder: { speed: 'ultrafast', hardware: false },
        clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 4 }],
        captions: {
          words: [
            { text: 'Hello!', start: 0.2, end: 0.9 },
            { text: 'مرحبا.', start: 1.2, end: 1.9 },
            { text: '日本語。', start: 2.2, end: 2.9 },
          ],
          style: { highlight: 'none', fontSize: 60 },
        },
      },
    });
    for (const t of [0.5, 1.5, 2.5]) {
      const frame = frameRgb(output, t);
      expect(share(frame, W, band, white), `caption at ${t}s`).toBeGreaterThan(0.005);
      expect(share(frame, W, top, white), `nothing above at ${t}s`).toBe(0);
    }
    for (const t of [0.05, 1.05, 3.5]) {
      expect(share(frameRgb(output, t), W, band, white), `no caption at ${t}s`).toBe(0);
    }
  });

  it('highlights the spoken word in karaoke mode', async () => {
    const output = path.join(dir, 'karaoke.mp4');
    await service.render({
      output,
      timeline: {
        version: 1,
        output: { width: W, height: H },
        encoder: { speed: 'ultrafast', hardware: false },
        clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 2 }],
        captions: {
          words: [
            { text: 'ONE', start: 0, end: 1 },
            { text: 'TWO', start: 1, end: 2 },
          ],
          style: {
            highlight: 'karaoke',
            highlightColor: '#FFFF00',
            position: 'top',
            safeArea: 0.1,
          },
        },
      },
    });
    const yellow = (rgb: [number, number, number]) => near(rgb, [255, 255, 0], 40);
    const left = { x: 0, y: 40, w: W / 2, h: 120 };
    const right = { x: W / 2, y: 40, w: W / 2, h: 120 };
    const first = frameRgb(output, 0.5);
    const second = frameRgb(output, 1.5);
    expect(share(first, W, left, yellow)).toBeGreaterThan(share(first, W, right, yellow) + 0.01);
    expect(share(second, W, right, yellow)).toBeGreaterThan(share(second, W, left, yellow) + 0.01);
  });

  it('pops the spoken word: highlighted, growing from 85 % to 118 %, where karaoke only recolours', async () => {
    const renderMode = async (highlight: 'none' | 'karaoke' | 'pop') => {
      const output = path.join(dir, `mode-${highlight}.mp4`);
      await service.render({
        output,
        timeline: {
          version: 1,
          output: { width: W, height: H },
          encoder: { speed: 'ultrafast', hardware: false },
          clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 2 }],
          captions: {
            words: [
              { text: 'ONE', start: 0, end: 1 },
              { text: 'TWO', start: 1, end: 2 },
            ],
            style: { highlight, highlightColor: '#FFFF00', position: 'top', safeArea: 0.1 },
          },
        },
      });
      return output;
    };
    const yellow = (rgb: [number, number, number]) => near(rgb, [255, 255, 0], 40);
    const left = { x: 0, y: 20, w: W / 2, h: 150 };
    const right = { x: W / 2, y: 20, w: W / 2, h: 150 };
    const none = await renderMode('none');
    const karaoke = await renderMode('karaoke');
    const pop = await renderMode('pop');
    // Frame 30 is the first of "TWO" (its pop starts at 85 %); 0.5 s and 1.5 s are mid-word.
    const at = (file: string, t: number) => frameRgb(file, t);
    for (const t of [0.5, 1.5]) {
      const frame = at(none, t);
      expect(share(frame, W, left, yellow) + share(frame, W, right, yellow)).toBe(0);
      expect(share(frame, W, { x: 0, y: 20, w: W, h: 150 }, white)).toBeGreaterThan(0.01);
    }
    // Mid-word the popped word is yellow like karaoke's, on the same side, and larger (118 %).
    const k1 = at(karaoke, 0.5);
    const p1 = at(pop, 0.5);
    expect(share(p1, W, left, yellow)).toBeGreaterThan(share(k1, W, left, yellow) * 1.2);
    // (the grown word may reach a little over the middle)
    expect(share(p1, W, right, yellow)).toBeLessThan(share(p1, W, left, yellow) / 5);
    const k2 = at(karaoke, 1.5);
    const p2 = at(pop, 1.5);
    expect(share(p2, W, right, yellow)).toBeGreaterThan(share(k2, W, right, yellow) * 1.2);
    expect(share(p2, W, left, yellow)).toBeLessThan(share(p2, W, right, yellow) / 5);
    // As its word starts, the pop is smaller than karaoke's plain highlight.
    const start = 1 - 0.005;
    expect(share(at(pop, start), W, right, yellow)).toBeLessThan(
      share(at(karaoke, start), W, right, yellow),
    );
    expect(share(at(pop, start), W, right, yellow)).toBeGreaterThan(0);
  });
});
