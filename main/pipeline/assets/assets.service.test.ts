import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import type { AssetBrief } from '../../../shared/contract/assets.contract';
import { ASSET_TYPE_IDS, ASSET_TYPES, assetFileName } from '../../../shared/presets/asset-types';
import { createAssetsHarness, testKit } from './testing/assets-harness';

const tempDir = useTempDirs();

function brief(assetType: AssetBrief['assetType'], text = ''): AssetBrief {
  return { assetType, subject: 'a fox mascot', style: 'bold cartoon', text, colors: [] };
}

describe('sharp', () => {
  it('loads its native libvips binding', async () => {
    expect(sharp.versions.vips).toMatch(/^\d+\.\d+/);
    const png = await sharp({
      create: { width: 4, height: 4, channels: 4, background: '#ff0000' },
    })
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).width).toBe(4);
  });
});

describe('asset export, every type', () => {
  it.each(ASSET_TYPE_IDS)(
    '%s: every size in its format, transparency and byte limit, read back from disk',
    async (type) => {
      const dir = tempDir();
      const { service } = createAssetsHarness(dir);
      const spec = ASSET_TYPES[type];
      const text = spec.sizes[0] && spec.sizes[0].width > 200 ? 'GG WP' : '';
      const { variants } = await service.generate({
        brief: brief(type, text),
        brandKitId: 'kit',
        count: 1,
      });
      const out = path.join(dir, 'out');
      const result = await service.exportToFolder(
        { variantId: variants[0]?.id ?? '', brief: brief(type, text), brandKitId: 'kit' },
        out,
      );
      expect(fs.readdirSync(out).sort()).toEqual(
        spec.sizes.map((s) => assetFileName(type, s)).sort(),
      );
      for (const size of spec.sizes) {
        const file = path.join(out, assetFileName(type, size));
        const bytes = fs.statSync(file).size;
        const meta = await sharp(file).metadata();
        expect(meta.width).toBe(size.width);
        expect(meta.height).toBe(size.height);
        expect(meta.format).toBe(spec.format === 'jpg' ? 'jpeg' : 'png');
        expect(bytes).toBeLessThanOrEqual(spec.maxBytes);
        const stats = await sharp(file).stats();
        if (spec.transparent) {
          expect(meta.hasAlpha).toBe(true);
          expect(stats.isOpaque).toBe(false);
        } else {
          expect(stats.isOpaque).toBe(true);
        }
      }
      expect(result.files.map((f) => f.name)).toEqual(
        spec.sizes.map((s) => assetFileName(type, s)),
      );
    },
    60_000,
  );
});

/** Distance between two RGB colours. */
function distance(a: { r: number; g: number; b: number }, hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return Math.hypot(a.r - ((n >> 16) & 255), a.g - ((n >> 8) & 255), a.b - (n & 255));
}

function rgb(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** Hue in degrees and saturation 0–1. */
function hsv({ r, g, b }: { r: number; g: number; b: number }) {
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const h =
    d === 0
      ? 0
      : max === r
        ? ((g - b) / d) * 60
        : max === g
          ? ((b - r) / d) * 60 + 120
          : ((r - g) / d) * 60 + 240;
  return { h: (h + 360) % 360, s: max === 0 ? 0 : d / max };
}

function hueGap(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

describe('brand colours', () => {
  it('an offline variant is dominated by the brand palette, and a different kit changes it', async () => {
    const dir = tempDir();
    const green = testKit({
      id: 'green',
      palette: { primary: '#00c853', secondary: '#00c853', accent: null },
    });
    const { service } = createAssetsHarness(dir, { kits: [testKit(), green] });
    const dominant = async (kitId: string) => {
      const { variants } = await service.generate({
        brief: brief('twitch_panel'),
        brandKitId: kitId,
        count: 1,
      });
      const out = path.join(dir, kitId);
      await service.exportToFolder(
        { variantId: variants[0]?.id ?? '', brief: brief('twitch_panel'), brandKitId: kitId },
        out,
      );
      return (await sharp(path.join(out, 'twitch_panel_320x160.png')).stats()).dominant;
    };
    // The vignette darkens the picture, so compare hue and saturation, not raw RGB.
    const neon = hsv(await dominant('kit'));
    expect(neon.s).toBeGreaterThan(0.5);
    expect(
      Math.min(hueGap(neon.h, hsv(rgb('#e91e63')).h), hueGap(neon.h, hsv(rgb('#1e88e5')).h)),
    ).toBeLessThan(20);
    const greenHue = hsv(await dominant('green'));
    expect(greenHue.s).toBeGreaterThan(0.5);
    expect(hueGap(greenHue.h, hsv(rgb('#00c853')).h)).toBeLessThan(20);
  }, 60_000);

  it('puts the brand logo where the asset type wants it (top left on a panel)', async () => {
    const dir = tempDir();
    const logo = path.join(dir, 'logo.png');
    await sharp({ create: { width: 64, height: 64, channels: 4, background: '#ffd600' } })
      .png()
      .toFile(logo);
    const kit = testKit({ logos: [{ type: 'icon', mediaId: 'logo' }], defaultLogoType: 'icon' });
    const { service } = createAssetsHarness(dir, { kits: [kit], logos: { logo } });
    const b = brief('twitch_panel');
    const { variants } = await service.generate({ brief: b, brandKitId: 'kit', count: 1 });
    await service.exportToFolder(
      { variantId: variants[0]?.id ?? '', brief: b, brandKitId: 'kit' },
      dir,
    );
    const { data, info } = await sharp(path.join(dir, 'twitch_panel_320x160.png'))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels;
      return { r: data[i] ?? 0, g: data[i + 1] ?? 0, b: data[i + 2] ?? 0 };
    };
    // Safe area 5 %: the logo (22 px high) starts at (16, 8).
    expect(distance(pixel(20, 12), '#ffd600')).toBeLessThan(30);
    expect(distance(pixel(300, 150), '#ffd600')).toBeGreaterThan(60);
  }, 60_000);
});

describe('export errors, progress and cancel', () => {
  it('names an unknown variant, a variant of another type, and reports progress by phase', async () => {
    const dir = tempDir();
    const { service, progress } = createAssetsHarness(dir);
    await expect(
      service.exportToFolder({ variantId: 'nope', brief: brief('twitch_emote') }, dir),
    ).rejects.toThrow(/No such variant: nope/);
    const { variants } = await service.generate({ brief: brief('twitch_emote'), count: 2 });
    expect(variants).toHaveLength(2);
    expect(variants[0]?.previewDataUrl).toMatch(/^data:image\/png;base64,/);
    await expect(
      service.exportToFolder(
        { variantId: variants[0]?.id ?? '', brief: brief('twitch_badge') },
        dir,
      ),
    ).rejects.toThrow(/generated for Twitch emote/);
    const result = await service.export({
      jobId: 'export-1',
      variantId: variants[1]?.id ?? '',
      brief: brief('twitch_emote'),
    });
    expect(result.files.map((f) => [f.name, f.file.bytes > 0])).toEqual([
      ['twitch_emote_112x112.png', true],
      ['twitch_emote_56x56.png', true],
      ['twitch_emote_28x28.png', true],
    ]);
    const phases = progress.filter((p) => p.jobId === 'export-1').map((p) => p.phase);
    expect([...new Set(phases)]).toEqual(['sizing', 'validating', 'exporting']);
  }, 60_000);

  it('cancels a generation between variants with CANCELLED', async () => {
    const dir = tempDir();
    const { service, progress } = createAssetsHarness(dir);
    const running = service.generate({ jobId: 'gen', brief: brief('twitch_emote'), count: 6 });
    while (!progress.some((p) => p.jobId === 'gen')) await new Promise((r) => setTimeout(r, 5));
    expect(service.cancel('gen')).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(service.cancel('gen')).toEqual({ cancelled: false });
  }, 60_000);

  it('publishing without a sync publisher is a clear UNSUPPORTED error; with one it goes through it', async () => {
    const dir = tempDir();
    const without = createAssetsHarness(dir).service;
    await expect(
      without.publish('/x/twitch_emote_28x28.png', 'twitch_emote'),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/sync service/) as unknown,
    });
    const published: string[] = [];
    const withPublisher = createAssetsHarness(dir, {
      publisher: {
        publish: (asset) => {
          published.push(`${asset.name} ${asset.contentType}`);
          return Promise.resolve({ url: `https://cdn.example/${asset.name}` });
        },
      },
    }).service;
    await expect(
      withPublisher.publish('/x/youtube_thumbnail_1280x720.jpg', 'youtube_thumbnail'),
    ).resolves.toEqual({ url: 'https://cdn.example/youtube_thumbnail_1280x720.jpg' });
    expect(published).toEqual(['youtube_thumbnail_1280x720.jpg image/jpeg']);
  });
});
