/**
 * A project's brand kit on its video: the captions of a real render take the kit's primary
 * colour and its imported font (a TTF the creator brought, found by libass in the fonts folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandKit } from '../../../shared/contract/brand-kits.contract';
import type { OperationName } from '../../../shared/contract';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { makeFixtures } from '../../media/testing-fixtures';
import { createServices, type Services } from '../../services';
import { upsertLayer } from '../../store/projects/layer.repository';
import { createMemoryLogger } from '../../util/logger';
import { projectToTimeline } from './project-timeline';

const tempDir = useTempDirs();
const context = { transport: 'in-process' } as const;
/** Heavier than the bundled Noto Sans Bold, and not bundled: only found if the import works. */
const BLACK_TTF = path.resolve(
  'node_modules/@expo-google-fonts/noto-sans/900Black/NotoSans_900Black.ttf',
);
const PINK: [number, number, number] = [0xff, 0x14, 0x93];

let services: Services;
let work: string;

beforeAll(() => {
  work = tempDir();
  services = createServices({
    dataDir: tempDir(),
    shell: 'test',
    lock: false,
    log: createMemoryLogger(),
  });
});
afterAll(() => services.close());

async function call<N extends OperationName>(name: N, input: unknown): Promise<unknown> {
  const result = await services.router.handle(name, input, context);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value;
}

const handle = (file: string) => ({ id: services.files.fromPath(file).id });

/** A one-segment project on a dark still, one big caption word, in `kitId`'s brand. */
async function project(kitId: string | null): Promise<string> {
  const fixtures = makeFixtures(tempDir());
  const still = (
    await services.media.importFile({
      path: fixtures.png('dark.png', '0x202020'),
      name: 'dark.png',
    })
  ).media.id;
  const created = services.projects.create({ title: 'Brand test', brandKitId: kitId });
  services.projects.createSegment(created.id, {
    durationMs: 2000,
    media: [{ mediaId: still, role: 'visual' }],
    wordTimings: [{ word: 'BRAND', startMs: 0, endMs: 1900 }],
  });
  upsertLayer(services.library.store, created.id, {
    kind: 'captions',
    mediaId: null,
    settings: { style: { highlight: 'none', fontSize: 150, position: 'center' } },
  });
  return created.id;
}

/** Pixels of the rendered caption frame in the brand pink. */
async function pinkPixels(projectId: string, name: string): Promise<number> {
  const timeline = projectToTimeline(services.media.renderSource(projectId));
  const output = path.join(work, `${name}.png`);
  await services.renderService.frame({ timeline, t: 0.8, output });
  const { data, info } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const rgb = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    if (rgb.every((v, c) => Math.abs(v - (PINK[c] ?? 0)) <= 40)) n++;
  }
  return n;
}

describe('brand kit on captions', () => {
  it('imports a TTF for a kit, refusing other files with the reason', async () => {
    const notFont = path.join(work, 'notes.ttf');
    fs.writeFileSync(notFont, 'hello, this is not a font at all');
    await expect(call('brandKits.importFont', { file: handle(notFont) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/notes\.ttf is not a usable font: .*TrueType/) as unknown,
    });
    const png = makeFixtures(tempDir()).png('logo.png', 'red');
    await expect(call('brandKits.importFont', { file: handle(png) })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const font = await call('brandKits.importFont', { file: handle(BLACK_TTF) });
    expect(font).toMatchObject({ family: 'Noto Sans Black' });
    // Captions find it: the fonts folder holds it beside the bundled fonts.
    const names = fs.readdirSync(services.fonts.dir);
    expect(names.filter((n) => n.startsWith('imported-'))).toHaveLength(1);
    expect(names).toContain('NotoSans_700Bold.ttf');
  });

  it("renders the captions in the kit's primary colour and imported font", async () => {
    const font = (await call('brandKits.importFont', { file: handle(BLACK_TTF) })) as {
      family: string;
      mediaId: string;
    };
    const palette = { primary: '#ff1493', secondary: '#00e5ff', accent: '#ffd600' };
    const black = BrandKit.parse(
      await call('brandKits.create', {
        name: 'Pink black',
        palette,
        fonts: { heading: font.family, imported: [font] },
      }),
    );
    const bold = BrandKit.parse(
      await call('brandKits.create', {
        name: 'Pink bold',
        palette,
        fonts: { heading: 'Noto Sans' },
      }),
    );
    const branded = await project(black.id);
    const timeline = projectToTimeline(services.media.renderSource(branded));
    expect(timeline.captions?.style).toMatchObject({
      fontFamily: 'Noto Sans Black',
      fill: '#FF1493',
      outline: '#000000',
      highlightColor: '#FFD600',
      // The layer's own settings still win over the kit.
      highlight: 'none',
      fontSize: 150,
    });

    const withBlack = await pinkPixels(branded, 'black');
    const withBold = await pinkPixels(await project(bold.id), 'bold');
    const plain = await pinkPixels(await project(null), 'plain');
    // Without a kit the caption is white: no pink at all.
    expect(plain).toBe(0);
    expect(withBold).toBeGreaterThan(2000);
    // The imported Black weight inks clearly more than the bundled Bold.
    expect(withBlack).toBeGreaterThan(withBold * 1.15);
  }, 120_000);
});
