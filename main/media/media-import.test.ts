import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { Library } from '../store/db/open-library';
import { openTempLibrary, tempDir } from '../store/testing/temp-library';
import type { MediaService } from './media.service';
import { filesUnder, makeFixtures, testMediaService } from './testing-fixtures';

let dir: string;
let cleanup: () => void;
let fixtures: ReturnType<typeof makeFixtures>;
let library: Library;
let media: MediaService;
let root: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  fs.mkdirSync(path.join(dir, 'in'));
  fixtures = makeFixtures(path.join(dir, 'in'));
  library = openTempLibrary(dir);
  root = path.join(dir, 'media');
  media = testMediaService(library, root);
});
afterAll(() => {
  library.close();
  cleanup();
});

function write(name: string, data: string | Buffer): string {
  const file = path.join(dir, 'in', name);
  fs.writeFileSync(file, data);
  return file;
}

async function refusal(file: string, service = media): Promise<AppError> {
  const rowsBefore = service.list({ limit: 500, offset: 0 }).total;
  const objectsBefore = filesUnder(path.join(root, 'objects')).length;
  try {
    await service.importFile({ path: file, name: path.basename(file) });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    // Nothing lost, nothing half-written: no temp file, no new object, no new row.
    expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    expect(filesUnder(path.join(root, 'objects'))).toHaveLength(objectsBefore);
    expect(service.list({ limit: 500, offset: 0 }).total).toBe(rowsBefore);
    return error as AppError;
  }
  throw new Error(`${file} was imported but should have been refused`);
}

describe('media import', () => {
  it('imports by content, deduplicates by sha256, never touches the original', async () => {
    const before = fs.readFileSync(fixtures.mp4);
    const first = await media.importFile({ path: fixtures.mp4, name: 'clip.mp4' });
    expect(first.media).toMatchObject({ kind: 'video', mime: 'video/mp4', width: 96, height: 64 });
    expect(first.media.durationMs).toBeGreaterThan(1500);
    expect(first.media.codec).toMatchObject({ video: 'h264', audio: 'aac' });
    const renamed = write('same-bytes.mov', before);
    const again = await media.importFile({ path: renamed, name: 'same-bytes.mov' });
    expect(again).toMatchObject({ deduplicated: true, media: { id: first.media.id } });
    expect(fs.readFileSync(fixtures.mp4).equals(before)).toBe(true);
    const png = await media.importFile({ path: fixtures.redPng, name: 'red.png' });
    expect(png.media).toMatchObject({ kind: 'image', mime: 'image/png', width: 64, height: 48 });
    const wav = await media.importFile({ path: fixtures.wav, name: 'tone.wav' });
    expect(wav.media).toMatchObject({ kind: 'audio', width: null });
    const thumb = await media.thumbnail(png.media.id);
    expect(thumb).toMatchObject({ width: 64, height: 48 });
    expect((await media.thumbnail(first.media.id)).width).toBe(96);
  });

  it('refuses a zero-byte file', async () => {
    expect((await refusal(write('empty.mp4', ''))).message).toMatch(/empty/);
  });

  it('refuses a text file named .mp4', async () => {
    expect((await refusal(write('notes.mp4', 'just some notes\n'))).code).toBe('UNSUPPORTED');
  });

  it('refuses a truncated mp4', async () => {
    const data = fs.readFileSync(fixtures.mp4);
    const error = await refusal(write('cut.mp4', data.subarray(0, Math.floor(data.length / 2))));
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it('refuses a PNG claiming 100000×100000 before decoding it', async () => {
    const png = Buffer.from(fs.readFileSync(fixtures.redPng));
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    const error = await refusal(write('huge.png', png));
    expect(error.code).toBe('TOO_LARGE');
  });

  it('refuses an HLS playlist and a concat list pointing at local files, named .mp4', async () => {
    const hls = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${fixtures.mp4}\n#EXT-X-ENDLIST\n`;
    expect((await refusal(write('playlist.mp4', hls))).message).toMatch(/HLS/);
    const concat = `ffconcat version 1.0\nfile '${fixtures.mp4}'\nfile '/etc/passwd'\n`;
    expect((await refusal(write('list.mp4', concat))).message).toMatch(/concat/);
    expect((await refusal(write('list2.mp4', `file '${fixtures.mp4}'\n`))).message).toMatch(
      /concat/,
    );
  });

  it('refuses a symlink pointing outside', async () => {
    const link = path.join(dir, 'in', 'link.png');
    fs.symlinkSync('/etc/hostname', link);
    expect((await refusal(link)).message).toMatch(/symbolic link/);
  });

  it('refuses a file that disappears or changes mid-import', async () => {
    const big = write(
      'big.wav',
      Buffer.concat([fs.readFileSync(fixtures.wav), Buffer.alloc(3 * 1024 * 1024)]),
    );
    const vanishing = testMediaService(library, root, {
      beforeWrite: (written) => {
        if (written > 0) fs.truncateSync(big, 100);
      },
    });
    expect((await refusal(big, vanishing)).message).toMatch(/changed or disappeared/);
    fs.rmSync(big);
    expect((await refusal(big)).code).toBe('NOT_FOUND');
  });

  it('reports a full disk clearly and leaves nothing behind', async () => {
    const full = testMediaService(library, root, {
      beforeWrite: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      },
    });
    const error = await refusal(fixtures.png('blue.png', 'blue'), full);
    expect(error.message).toMatch(/disk is full/);
    expect(error.retryable).toBe(true);
  });

  it('deletes only unreferenced media; garbage collection removes strays', async () => {
    const green = await media.importFile({
      path: fixtures.png('green.png', 'green'),
      name: 'green.png',
    });
    library.store.sqlite
      .prepare(
        "insert into brand_kits (id, name, created_at, updated_at) values ('kit', 'K', 1, 1)",
      )
      .run();
    library.store.sqlite
      .prepare(
        "insert into brand_kit_logos (brand_kit_id, type, media_id) values ('kit', 'icon', ?)",
      )
      .run(green.media.id);
    expect(media.get(green.media.id).references).toBe(1);
    expect(() => media.delete(green.media.id)).toThrow(/still used/);
    library.store.sqlite.prepare("delete from brand_kits where id = 'kit'").run();
    expect(media.delete(green.media.id)).toEqual({ deleted: true });
    fs.mkdirSync(path.join(root, 'objects', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(root, 'objects', 'ab', 'ab'.padEnd(64, '0')), 'stray');
    const gc = media.collectGarbage();
    expect(gc.filesRemoved).toBe(1);
    expect(gc.mediaRemoved).toBeGreaterThan(0); // nothing references the earlier imports
    expect(media.list({ limit: 10, offset: 0 }).total).toBe(0);
  });
});
