/**
 * Text on assets in the brand kit's heading font: an imported TTF (a medium of the kit) is what
 * pango draws with, not the bundled fallback.
 */
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../render/resources-dir';
import { headingFont, produceAsset } from './asset-production';
import { testKit } from './testing/assets-harness';

const FONTS = path.join(findResourcesDir(), 'fonts');
const BLACK_TTF = path.resolve(
  'node_modules/@expo-google-fonts/noto-sans/900Black/NotoSans_900Black.ttf',
);
const files: Record<string, string> = { black: BLACK_TTF };
const mediaFile = (id: string) => files[id] ?? '';

/** White pixels of a thumbnail with "GG" on a flat dark master. */
async function inkOf(kit: ReturnType<typeof testKit>): Promise<number> {
  const master = await sharp({
    create: { width: 1280, height: 720, channels: 3, background: '#202020' },
  })
    .png()
    .toBuffer();
  const { files: out } = await produceAsset({
    master,
    brief: { assetType: 'youtube_thumbnail', subject: 'x', style: '', text: 'GG', colors: [] },
    kit,
    logoFile: mediaFile,
    fontsDir: FONTS,
  });
  const { data, info } = await sharp(out[0]?.bytes).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels)
    if ((data[i] ?? 0) > 230 && (data[i + 1] ?? 0) > 230 && (data[i + 2] ?? 0) > 230) n++;
  return n;
}

describe('asset text in the brand font', () => {
  it('uses the kit’s imported heading font, else the bundled bold', async () => {
    const imported = testKit({
      fonts: {
        heading: 'Noto Sans Black',
        imported: [{ family: 'Noto Sans Black', mediaId: 'black' }],
      },
    });
    expect(headingFont(imported, FONTS, mediaFile)).toEqual({
      fontFile: BLACK_TTF,
      fontFamily: 'Noto Sans Black',
    });
    expect(headingFont(testKit(), FONTS, mediaFile).fontFile).toBe(
      path.join(FONTS, 'NotoSans_700Bold.ttf'),
    );
    const black = await inkOf(imported);
    const bold = await inkOf(testKit());
    expect(bold).toBeGreaterThan(1000);
    // The Black weight inks clearly more than the bundled Bold at the same size.
    expect(black).toBeGreaterThan(bold * 1.1);
  }, 60_000);
});
