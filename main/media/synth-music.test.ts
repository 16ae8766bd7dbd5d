import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { LibraryMediaResolver } from '../pipeline/render/media-resolver';
import { RenderService } from '../pipeline/render/render.service';
import { HardwareEncoderDetector } from '../pipeline/render/hardware-encoders';
import {
  FONTS_DIR,
  ensureFonts,
  ffmpegTools,
  meanVolume,
  still,
} from '../pipeline/render/render-test-kit';
import type { Library } from '../store/db/open-library';
import { openTempLibrary, tempDir } from '../store/testing/temp-library';
import { createMemoryLogger } from '../util/logger';
import type { MediaService } from './media.service';
import { MUSIC_RECIPES, loopSeconds, recipeHash } from './synth-music';
import { testMediaService, testTools } from './testing-fixtures';

let dir: string;
let cleanup: () => void;
let library: Library;
let media: MediaService;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  library = openTempLibrary(dir);
  media = testMediaService(library, path.join(dir, 'media'));
});
afterAll(() => {
  library.close();
  cleanup();
});

/** Mean volume (dBFS) in `count` windows of one second spread over the file. */
function windowsDb(file: string, count: number, seconds: number): number[] {
  return Array.from({ length: count }, (_, i) =>
    meanVolume(file, (i * (seconds - 1)) / Math.max(1, count - 1), 1),
  );
}

describe('app-synthesised music', () => {
  it('offers 3–5 tracks of 30–90 s with distinct recipes', () => {
    const tracks = media.music.tracks();
    expect(tracks.length).toBeGreaterThanOrEqual(3);
    expect(tracks.length).toBeLessThanOrEqual(5);
    for (const track of tracks) {
      expect(track.durationMs).toBeGreaterThanOrEqual(30_000);
      expect(track.durationMs).toBeLessThanOrEqual(90_000);
    }
    expect(new Set(MUSIC_RECIPES.map(recipeHash)).size).toBe(MUSIC_RECIPES.length);
  });

  it('synthesises every track into the store: stereo AAC, the promised length, audible throughout', async () => {
    for (const recipe of MUSIC_RECIPES) {
      const track = await media.music.track(recipe.id);
      expect(track).toMatchObject({ kind: 'audio', source: 'generated', mime: 'audio/mp4' });
      expect(track.provenance).toMatchObject({ provider: 'reelsmith-synth', model: recipe.id });
      const seconds = loopSeconds(recipe) * recipe.loops;
      expect(Math.abs((track.durationMs ?? 0) / 1000 - seconds)).toBeLessThan(0.2);
      const file = media.pathOf(track.id);
      const stream = JSON.parse(
        execFileSync(testTools().ffprobePath, [
          '-v',
          'error',
          '-show_entries',
          'stream=codec_name,channels,sample_rate',
          '-of',
          'json',
          file,
        ]).toString(),
      ) as { streams: { codec_name: string; channels: number; sample_rate: string }[] };
      expect(stream.streams[0]).toMatchObject({ codec_name: 'aac', channels: 2 });
      // Music all the way through (no silent gaps), never clipping-loud.
      for (const db of windowsDb(file, 5, seconds)) {
        expect(db).toBeGreaterThan(-35);
        expect(db).toBeLessThan(-6);
      }
    }
  }, 240_000);

  it('is made once: the second request (and a concurrent one) gives the cached medium', async () => {
    const [a, b] = await Promise.all([
      media.music.track('lofi-beat'),
      media.music.track('lofi-beat'),
    ]);
    expect(a.id).toBe(b.id);
    const notes = fs.readdirSync(path.join(dir, 'media', 'synth'));
    expect(notes.filter((n) => n.endsWith('.sha256'))).toHaveLength(MUSIC_RECIPES.length);
    expect(notes.filter((n) => n.endsWith('.m4a'))).toEqual([]);
    const before = fs.statSync(media.pathOf(a.id)).mtimeMs;
    const again = await media.music.track('lofi-beat');
    expect(again.id).toBe(a.id);
    expect(fs.statSync(media.pathOf(a.id)).mtimeMs).toBe(before);
  });

  it('makes the track again when its medium was garbage-collected', async () => {
    const first = await media.music.track('calm-pads');
    expect(media.collectGarbage().mediaRemoved).toBeGreaterThan(0);
    expect(() => media.get(first.id)).toThrow(AppError);
    const again = await media.music.track('calm-pads');
    expect(again.sha256).toBe(first.sha256);
    expect(media.get(again.id).kind).toBe('audio');
  }, 60_000);

  it('refuses an unknown track by name', async () => {
    await expect(media.music.track('nope')).rejects.toThrow(/no built-in track "nope"/);
  });

  it('renders into the output: a timeline with the track has music energy, without it silence', async () => {
    ensureFonts();
    const tools = await ffmpegTools();
    const render = new RenderService({
      tools: () => Promise.resolve({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe }),
      media: new LibraryMediaResolver((id) => media.pathOf(id), undefined),
      fontsDir: FONTS_DIR,
      hardware: new HardwareEncoderDetector(),
      hardwareAllowed: () => false,
      log: createMemoryLogger(),
    });
    const pictures = path.join(dir, 'pictures');
    fs.mkdirSync(pictures, { recursive: true });
    const picture = still(pictures, 'blue.png', 'blue', 320, 568);
    const track = await media.music.track('upbeat-pulse');
    const timeline = (withMusic: boolean) => ({
      version: 1,
      output: { preset: 'tiktok', width: 320, height: 568, fps: 30 },
      encoder: { speed: 'ultrafast', hardware: false },
      clips: [{ type: 'image', media: { path: picture }, duration: 4 }],
      audio: {
        voice: [],
        ...(withMusic && { music: { media: { mediaId: track.id }, fadeIn: 0, fadeOut: 0.5 } }),
      },
    });
    const withMusic = path.join(dir, 'with-music.mp4');
    const without = path.join(dir, 'without-music.mp4');
    await render.render({ timeline: timeline(true), output: withMusic });
    await render.render({ timeline: timeline(false), output: without });
    expect(meanVolume(withMusic, 0.2, 3)).toBeGreaterThan(-35);
    expect(meanVolume(without, 0.2, 3)).toBeLessThan(-80);
  }, 120_000);
});
