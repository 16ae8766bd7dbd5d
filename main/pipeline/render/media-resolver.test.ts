import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { LibraryMediaResolver, PathMediaResolver, resolveMedia } from './media-resolver';
import { ffmpegTools, still, tone } from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

describe('LibraryMediaResolver', () => {
  const files = new Map([['m1', '/data/media/objects/ab/abcd.png']]);
  const resolver = new LibraryMediaResolver((id) => {
    const file = files.get(id);
    if (!file) throw new AppError('NOT_FOUND', `No medium ${id}.`);
    return file;
  });

  it('finds library media by id and leaves paths to the path resolver', async () => {
    expect(await resolver.resolve({ mediaId: 'm1' })).toBe('/data/media/objects/ab/abcd.png');
    expect(await resolver.resolve({ path: 'clip.mp4' })).toBe(path.resolve('clip.mp4'));
  });

  it('reports an unknown id as unknown (null) and passes other failures on', async () => {
    expect(await resolver.resolve({ mediaId: 'nope' })).toBeNull();
    const broken = new LibraryMediaResolver(() => {
      throw new AppError('IO', 'disk gone');
    });
    await expect(broken.resolve({ mediaId: 'm1' })).rejects.toThrow('disk gone');
  });
});

describe('resolveMedia', () => {
  it('probes each file version once: the same file again is not re-probed, a changed one is', async () => {
    const dir = tempDir();
    const { ffprobePath } = await ffmpegTools();
    // An ffprobe that counts its runs, then does the real work.
    const counter = path.join(dir, 'runs.txt');
    const wrapper = path.join(dir, 'ffprobe-counting');
    fs.writeFileSync(wrapper, `#!/bin/sh\necho run >> '${counter}'\nexec '${ffprobePath}' "$@"\n`);
    fs.chmodSync(wrapper, 0o755);
    const runs = () =>
      fs.existsSync(counter) ? fs.readFileSync(counter, 'utf8').split('\n').length - 1 : 0;
    still(dir, 'a.png', 'red', 32, 32);
    const uses = [{ field: 'clips.0.media', ref: { path: 'a.png' }, needs: 'picture' as const }];
    const resolver = new PathMediaResolver(dir);

    const first = await resolveMedia(uses, resolver, wrapper);
    expect(first.get('clips.0.media')).toEqual({
      path: path.join(dir, 'a.png'),
      hasVideo: true,
      hasAudio: false,
    });
    expect(runs()).toBe(1);
    expect((await resolveMedia(uses, resolver, wrapper)).get('clips.0.media')).toEqual(
      first.get('clips.0.media'),
    );
    expect(runs()).toBe(1);

    // Replaced by a sound file under the same name: probed again, and refused as a picture.
    tone(dir, 'b.wav', 440, 0.2, -20);
    fs.copyFileSync(path.join(dir, 'b.wav'), path.join(dir, 'a.png'));
    await expect(resolveMedia(uses, resolver, wrapper)).rejects.toThrow('a.png');
    expect(runs()).toBe(2);
  });
});
