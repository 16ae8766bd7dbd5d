/**
 * Byte limits under the worst case: every asset type produced from high-entropy noise (which no
 * encoder can compress) must still come out within its platform's limit, read back from the
 * encoded bytes; a limit no encoding can meet fails with an error naming it.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  ASSET_TYPE_IDS,
  ASSET_TYPES,
  type AssetTypeSpec,
} from '../../../shared/presets/asset-types';
import { findResourcesDir } from '../render/resources-dir';
import { encodeWithinLimit } from './asset-encoding';
import { produceAsset } from './asset-production';
import { masterSize } from './assets.service';
import { testKit } from './testing/assets-harness';

const FONTS = path.join(findResourcesDir(), 'fonts');

/** Uniform random RGBA (alpha random too where the type keeps transparency). */
function noise(width: number, height: number, alpha: boolean): Promise<Buffer> {
  const data = randomBytes(width * height * 4);
  if (!alpha) for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return sharp(data, { raw: { width, height, channels: 4 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

describe('byte limits from worst-case (noise) inputs', () => {
  for (const id of ASSET_TYPE_IDS) {
    it(`${id}: every size within ${String(ASSET_TYPES[id].maxBytes)} bytes, read back`, async () => {
      const spec = ASSET_TYPES[id];
      const size = masterSize(id);
      const result = await produceAsset({
        master: await noise(size.width, size.height, spec.transparent),
        brief: { assetType: id, subject: 'static', style: '', text: 'GG', colors: [] },
        kit: testKit(),
        logoFile: () => {
          throw new Error('no logos in this kit');
        },
        fontsDir: FONTS,
      });
      expect(result.files).toHaveLength(spec.sizes.length);
      for (const [i, produced] of result.files.entries()) {
        const want = spec.sizes[i];
        const meta = await sharp(produced.bytes).metadata();
        expect([meta.width, meta.height]).toEqual([want?.width, want?.height]);
        expect(meta.format).toBe(spec.format === 'jpg' ? 'jpeg' : 'png');
        expect(produced.bytes.length).toBeLessThanOrEqual(spec.maxBytes);
        expect(produced.asset.bytes).toBe(produced.bytes.length);
      }
    }, 120_000);
  }

  it('adapts: lower JPEG quality or fewer PNG colours until the file fits a tight limit', async () => {
    const jpgSpec: AssetTypeSpec = { ...ASSET_TYPES.youtube_thumbnail, maxBytes: 400_000 };
    const jpgSize = { width: 1280, height: 720 };
    const jpgNoise = await noise(1280, 720, false);
    const first = await encodeWithinLimit(
      jpgNoise,
      jpgSize,
      ASSET_TYPES.youtube_thumbnail,
      '#000000',
    );
    // Noise at the first quality step is over the tight limit; the encoder steps down to fit.
    expect(first.length).toBeGreaterThan(400_000);
    const fitted = await encodeWithinLimit(jpgNoise, jpgSize, jpgSpec, '#000000');
    expect(fitted.length).toBeLessThanOrEqual(400_000);
    expect((await sharp(fitted).metadata()).format).toBe('jpeg');

    const pngSpec: AssetTypeSpec = { ...ASSET_TYPES.twitch_badge, maxBytes: 8_000 };
    const badge = await noise(72, 72, true);
    const png = await encodeWithinLimit(badge, { width: 72, height: 72 }, pngSpec, '#000000');
    expect(png.length).toBeLessThanOrEqual(8_000);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.hasAlpha]).toEqual(['png', 72, true]);
  }, 60_000);

  it('a limit nothing can meet fails as TOO_LARGE naming the file and the limit', async () => {
    const tiny: AssetTypeSpec = { ...ASSET_TYPES.youtube_thumbnail, maxBytes: 2000 };
    const size = { width: 1280, height: 720 };
    await expect(
      encodeWithinLimit(await noise(1280, 720, false), size, tiny, '#000000'),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(
        /youtube_thumbnail_1280x720\.jpg is \d+ bytes .* allows 2 KB/,
      ) as unknown,
    });
  }, 60_000);
});
