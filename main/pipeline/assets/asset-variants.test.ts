import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { BROWSER_MEDIA_URLS } from '../../media/media.service';
import { createAssetsHarness, testKit } from './testing/assets-harness';

const tempDir = useTempDirs();

const brief = {
  assetType: 'twitch_emote' as const,
  subject: 'a fox giving a thumbs up',
  style: 'bold cartoon',
  text: '',
  colors: [],
};

describe('asset variants in the library', () => {
  it('survive a restart: listed with their brief and exported after reopening the library', async () => {
    const dir = tempDir();
    const first = createAssetsHarness(dir, { kits: [testKit()] });
    const generated = await first.service.generate({ brief, brandKitId: 'kit', count: 2 });
    first.library.close();

    // A new process: a fresh service over the same data folder.
    const second = createAssetsHarness(dir, { kits: [testKit()] });
    const saved = await second.service.savedVariants({ limit: 24 });
    expect(saved.map((v) => [v.id, v.index, v.jobId])).toEqual(
      generated.variants.map((v) => [v.id, v.index, generated.jobId]),
    );
    expect(saved[0]).toMatchObject({ assetType: 'twitch_emote', brief, brandKitId: 'kit' });
    expect(saved[0]?.previewDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(
      await second.service.savedVariants({ assetType: 'youtube_thumbnail', limit: 24 }),
    ).toEqual([]);

    const picked = saved[1]?.id ?? '';
    const result = await second.service.export({ variantId: picked, brief, brandKitId: 'kit' });
    expect(result.files.map((f) => f.name)).toEqual([
      'twitch_emote_112x112.png',
      'twitch_emote_56x56.png',
      'twitch_emote_28x28.png',
    ]);
    for (const file of result.files) {
      const meta = await sharp(fs.readFileSync(file.file.id)).metadata();
      expect([meta.width, meta.hasAlpha]).toEqual([file.width, true]);
    }
    // The masters are generated media of the store, and the store keeps them (referenced).
    const media = second.media.list({ kind: 'image', limit: 10, offset: 0 });
    expect(media.total).toBe(2);
    expect(media.items[0]?.url).toMatch(new RegExp(`^${BROWSER_MEDIA_URLS.object('')}`));
    expect(second.media.collectGarbage().mediaRemoved).toBe(0);
    second.library.close();
  }, 120_000);

  it('an unknown variant id is NOT_FOUND, naming it', async () => {
    const { service, library } = createAssetsHarness(tempDir());
    await expect(service.export({ variantId: 'nope', brief })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/No such variant: nope/) as unknown,
    });
    library.close();
  });
});
