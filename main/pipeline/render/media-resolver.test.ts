import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { LibraryMediaResolver } from './media-resolver';

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
