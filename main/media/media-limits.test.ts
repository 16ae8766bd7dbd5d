import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import type { Library } from '../store/db/open-library';
import { openTempLibrary } from '../store/testing/temp-library';
import { MEDIA_LIMITS } from './media-limits';
import type { MediaService } from './media.service';
import { filesUnder, makeFixtures, testMediaService, testTools } from './testing-fixtures';

const tempDir = useTempDirs();
let dir: string;
let root: string;
let library: Library;
let media: MediaService;
let fixtures: ReturnType<typeof makeFixtures>;

beforeAll(() => {
  dir = tempDir();
  fs.mkdirSync(path.join(dir, 'in'));
  fixtures = makeFixtures(path.join(dir, 'in'));
  library = openTempLibrary(dir);
  root = path.join(dir, 'media');
  media = testMediaService(library, root);
});
afterAll(() => library.close());

const ff = (...args: string[]) =>
  execFileSync(testTools().ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

/** Imports `file` expecting a refusal; checks nothing was left behind and returns the error. */
async function refusal(file: string, service = media): Promise<AppError> {
  const rows = service.list({ limit: 500, offset: 0 }).total;
  const objects = filesUnder(path.join(root, 'objects')).length;
  const error = await service.importFile({ path: file, name: path.basename(file) }).then(
    () => new Error(`${file} was imported but should have been refused`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
  expect(filesUnder(path.join(root, 'objects'))).toHaveLength(objects);
  expect(service.list({ limit: 500, offset: 0 }).total).toBe(rows);
  return error as AppError;
}

describe('media store limits (media-limits.ts), each refused with a clear error', () => {
  it(`files over 4 GiB (a sparse file, refused before a byte is copied)`, async () => {
    const huge = path.join(dir, 'in', 'huge.mp4');
    fs.copyFileSync(fixtures.mp4, huge);
    fs.truncateSync(huge, MEDIA_LIMITS.maxBytes + 1);
    const error = await refusal(huge);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/huge\.mp4 is 4294967297 bytes; the limit is .* \(4 GiB\)/);
    fs.rmSync(huge);
  });

  it('video longer than 3 hours', async () => {
    const long = path.join(dir, 'in', 'long.mp4');
    // 16×16 at one frame per 10 minutes: over 3 h in a few kilobytes.
    ff(
      '-f',
      'lavfi',
      '-i',
      'color=c=black:s=16x16:r=1/600',
      '-t',
      '11100',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      long,
    );
    const error = await refusal(long);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/lasts 1[89]\d minutes; the limit is 3 hours/);
  });

  it('video wider than 8192 px', async () => {
    const wide = path.join(dir, 'in', 'wide.mp4');
    ff(
      '-f',
      'lavfi',
      '-i',
      'color=c=black:s=8200x16:d=0.2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      wide,
    );
    const error = await refusal(wide);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/8200×16 pixels; the limit is 8192/);
  });

  it('a codec outside the allow-list (MPEG-2 video in an .mp4)', async () => {
    const mpeg2 = path.join(dir, 'in', 'old.mp4');
    ff('-f', 'lavfi', '-i', 'testsrc=s=64x48:d=0.5:r=10', '-c:v', 'mpeg2video', mpeg2);
    const error = await refusal(mpeg2);
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toMatch(/video codec mpeg2video is not supported/);
  });

  it('a file deleted while it is being copied', async () => {
    const big = path.join(dir, 'in', 'gone.wav');
    fs.writeFileSync(
      big,
      Buffer.concat([fs.readFileSync(fixtures.wav), Buffer.alloc(3 * 1024 * 1024)]),
    );
    const vanishing = testMediaService(library, root, {
      beforeWrite: (written) => {
        if (written > 0 && fs.existsSync(big)) fs.unlinkSync(big);
      },
    });
    expect((await refusal(big, vanishing)).message).toMatch(/changed or disappeared/);
  });

  it('and still imports what is within the limits', async () => {
    const result = await media.importFile({ path: fixtures.mp4, name: 'clip.mp4' });
    expect(result.media).toMatchObject({ kind: 'video', width: 96, height: 64 });
  });
});
