/**
 * Test fixtures made with ffmpeg on the fly (tiny files), and a media service on a temp library.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from '../system/tool-locator';
import type { Library } from '../store/db/open-library';
import { ContentStore, type ContentStoreHooks } from './content-store';
import { MediaService, type MediaTools } from './media.service';

/** ffmpeg/ffprobe for tests: FFMPEG_BIN / FFPROBE_BIN, else PATH. */
export function testTools(): MediaTools & { ffmpegPath: string; ffprobePath: string } {
  const ffmpegPath = process.env.FFMPEG_BIN ?? findOnPath('ffmpeg', process.env) ?? 'ffmpeg';
  const ffprobePath = process.env.FFPROBE_BIN ?? path.join(path.dirname(ffmpegPath), 'ffprobe');
  return {
    ffmpegPath,
    ffprobePath,
    ffmpeg: () => Promise.resolve(ffmpegPath),
    ffprobe: () => Promise.resolve(ffprobePath),
  };
}

/** A media service over `library`, storing files under `root`. */
export function testMediaService(library: Library, root: string, hooks?: ContentStoreHooks) {
  const files = new ContentStore(root, hooks);
  return new MediaService(library.store, files, testTools(), {
    object: (sha) => `/media/${sha}`,
    thumbnail: (sha) => `/media/thumbs/${sha}.jpg`,
  });
}

/** Writes a small PNG (color `c`), MP4 (video + audio) and WAV into `dir`. */
export function makeFixtures(dir: string) {
  const { ffmpegPath } = testTools();
  const ff = (...args: string[]) =>
    execFileSync(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  const png = (name: string, color = 'red') => {
    const file = path.join(dir, name);
    ff(
      '-f',
      'lavfi',
      '-i',
      `color=c=${color}:s=64x48`,
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-c:v',
      'png',
      file,
    );
    return file;
  };
  const mp4 = path.join(dir, 'clip.mp4');
  ff(
    '-f',
    'lavfi',
    '-i',
    'testsrc=s=96x64:d=2:r=10',
    '-f',
    'lavfi',
    '-i',
    'sine=d=2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-c:a',
    'aac',
    '-shortest',
    mp4,
  );
  const wav = path.join(dir, 'tone.wav');
  ff('-f', 'lavfi', '-i', 'sine=d=1', wav);
  return { png, mp4, wav, redPng: png('red.png') };
}

/** Everything under `dir`, as relative paths. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
