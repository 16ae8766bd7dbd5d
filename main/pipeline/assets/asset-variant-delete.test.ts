/**
 * Deleting a kept variant: the row goes, and its master file leaves the media store once nothing
 * references the medium any more (two variants can share one medium: the store dedupes by hash).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { LibraryVariantStore } from '../../store/assets/library-variant-store';
import { createAssetsHarness, testKit } from './testing/assets-harness';

const tempDir = useTempDirs();

const brief = {
  assetType: 'twitch_emote' as const,
  subject: 'a fox giving a thumbs up',
  style: 'bold cartoon',
  text: '',
  colors: [],
};

describe('deleting an asset variant', () => {
  it('removes the variant and its master file; the other variants stay exportable', async () => {
    const { service, library, media } = createAssetsHarness(tempDir(), { kits: [testKit()] });
    const { variants } = await service.generate({ brief, brandKitId: 'kit', count: 2 });
    const [first, second] = variants.map((v) => v.id);
    const saved = await service.savedVariants({ limit: 24 });
    expect(saved).toHaveLength(2);
    const masters = media.list({ kind: 'image', limit: 10, offset: 0 }).items;
    expect(masters).toHaveLength(2);
    const files = new Map(masters.map((m) => [m.id, media.pathOf(m.id)]));
    for (const file of files.values()) expect(fs.existsSync(file)).toBe(true);

    expect(service.deleteVariant(first ?? '')).toEqual({ deleted: true, fileRemoved: true });
    const left = await service.savedVariants({ limit: 24 });
    expect(left.map((v) => v.id)).toEqual([second]);
    expect(media.list({ kind: 'image', limit: 10, offset: 0 }).total).toBe(1);
    // Exactly one of the two master files is gone: the deleted variant's.
    const remaining = media.list({ kind: 'image', limit: 10, offset: 0 }).items[0]?.id ?? '';
    for (const [id, file] of files) expect(fs.existsSync(file)).toBe(id === remaining);

    // Gone means gone: deleting or exporting it again names the variant.
    expect(() => service.deleteVariant(first ?? '')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as unknown,
    );
    await expect(
      service.export({ variantId: first ?? '', brief, brandKitId: 'kit' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const exported = await service.export({ variantId: second ?? '', brief, brandKitId: 'kit' });
    expect(exported.files).toHaveLength(3);
    library.close();
  }, 120_000);

  it('keeps the file while another variant still uses the same medium', async () => {
    const dir = tempDir();
    const { library, media } = createAssetsHarness(dir);
    const store = new LibraryVariantStore({
      store: library.store,
      importImage: async (file, name) => (await media.importFile({ path: file, name })).media.id,
      pathOf: (id) => media.pathOf(id),
      tempDir: path.join(dir, 'scratch'),
      releaseMedium: (id) => media.deleteIfUnused(id),
    });
    const png = await sharp({
      create: { width: 64, height: 64, channels: 4, background: '#ff00ff' },
    })
      .png()
      .toBuffer();
    const base = { jobId: 'job', assetType: 'twitch_emote' as const, brandKitId: null, brief };
    const size = { width: 64, height: 64, createdAt: 1 };
    await store.save({ ...base, ...size, id: 'a', index: 0 }, png);
    await store.save({ ...base, ...size, id: 'b', index: 1 }, png);
    const [a, b] = [store.get('a'), store.get('b')];
    expect(a?.record.mediaId).toBe(b?.record.mediaId);
    const file = a?.file ?? '';

    expect(store.delete('a')).toMatchObject({ fileRemoved: false, deleted: { file } });
    expect(fs.existsSync(file)).toBe(true);
    expect(media.get(b?.record.mediaId ?? '').references).toBe(1);
    expect(store.delete('b')).toMatchObject({ fileRemoved: true });
    expect(fs.existsSync(file)).toBe(false);
    expect(media.list({ limit: 10, offset: 0 }).total).toBe(0);
    expect(store.delete('b')).toEqual({ deleted: null, fileRemoved: false });
    library.close();
  });
});
