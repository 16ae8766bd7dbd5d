import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import type { Library } from '../store/db/open-library';
import { openTempLibrary } from '../store/testing/temp-library';
import { ContentStore } from './content-store';
import { MediaService } from './media.service';
import { makeFixtures, testMediaService } from './testing-fixtures';

const tempDir = useTempDirs();
let library: Library;
let root: string;
let fixtures: ReturnType<typeof makeFixtures>;

beforeAll(() => {
  const dir = tempDir();
  fixtures = makeFixtures(tempDir());
  library = openTempLibrary(dir);
  root = path.join(dir, 'media');
});
afterAll(() => library.close());

describe('thumbnails', () => {
  it('are made once (a video gets a frame from inside it) and served from the cache after', async () => {
    const media = testMediaService(library, root);
    const clip = await media.importFile({ path: fixtures.mp4, name: 'clip.mp4' });
    const picture = await media.importFile({ path: fixtures.redPng, name: 'red.png' });
    const wav = await media.importFile({ path: fixtures.wav, name: 'tone.wav' });
    const poster = await media.thumbnail(clip.media.id);
    expect(poster).toMatchObject({ width: 96, height: 64 });
    const file = media.files.thumbnailPath(clip.media.sha256);
    const made = fs.statSync(file).mtimeMs;

    // Same store, but ffmpeg is gone: the cached thumbnail still comes back, unchanged.
    const noFfmpeg = new MediaService(
      library.store,
      new ContentStore(root),
      {
        ffmpeg: () => Promise.resolve('/nonexistent/ffmpeg'),
        ffprobe: () => Promise.resolve('/nonexistent/ffprobe'),
      },
      { object: (sha) => `/media/${sha}`, thumbnail: (sha) => `/media/thumbs/${sha}.jpg` },
    );
    expect(await noFfmpeg.thumbnail(clip.media.id)).toEqual(poster);
    expect(fs.statSync(file).mtimeMs).toBe(made);
    // One never made needs ffmpeg: proof the cache, not ffmpeg, answered above.
    await expect(noFfmpeg.thumbnail(picture.media.id)).rejects.toThrow();
    expect(await media.thumbnail(picture.media.id)).toMatchObject({ width: 64, height: 48 });
    await expect(media.thumbnail(wav.media.id)).rejects.toThrow(/audio has no thumbnail/);
  });
});
