import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrandKit } from '../../shared/contract/brand-kits.contract';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { runCliCaptured } from '../../tests/helpers/run-cli';
import { makeFixtures } from '../media/testing-fixtures';
import { createServices, type Services } from '../services';
import { exportBundle } from './bundle-export';
import { importBundle } from './bundle-import';

const tempDir = useTempDirs();
let home: string;
let sourceKit: BrandKit;
let projectId: string;
let logoSha: Record<string, string>;
let fontSha: string;

beforeAll(async () => {
  const fixtures = makeFixtures(tempDir());
  home = tempDir();
  const source = createServices({ dataDir: home, shell: 'test', lock: false });
  const square = await source.media.importFile({ path: fixtures.redPng, name: 'square.png' });
  const icon = await source.media.importFile({
    path: fixtures.png('icon.png', 'blue'),
    name: 'icon.png',
  });
  logoSha = { square: square.media.sha256, icon: icon.media.sha256 };
  // An imported font travels too (see bundle-fonts.test.ts for its checks and rendering).
  const font = await source.media.importFile({
    path: path.resolve('node_modules/@expo-google-fonts/noto-sans/900Black/NotoSans_900Black.ttf'),
    name: 'NotoSans_900Black.ttf',
  });
  fontSha = font.media.sha256;
  sourceKit = source.brandKits.create({
    name: 'Night Owl',
    colors: [
      { name: 'ink', hex: '#101820' },
      { name: 'accent', hex: '#FEE715' },
    ],
    fonts: {
      heading: 'Noto Sans',
      body: 'Noto Sans JP',
      imported: [{ family: 'Noto Sans Black', mediaId: font.media.id }],
    },
    logos: [
      { type: 'square', mediaId: square.media.id },
      { type: 'icon', mediaId: icon.media.id },
    ],
    defaultLogoType: 'icon',
  });
  const project = source.projects.create({ title: 'Branded', brandKitId: sourceKit.id });
  source.projects.createSegment(project.id, { text: 'Scene one' });
  projectId = project.id;
  await source.close();
});

describe('bundles carry the brand kit', () => {
  let target: Services;
  let bundle: string;
  afterAll(() => target.close());

  it('exports it with its logos and opens it in another data folder: new ids, same content, lineage', async () => {
    bundle = path.join(tempDir(), 'branded.reelsmith');
    const exported = await runCliCaptured(['export', projectId, '-o', bundle, '--data-dir', home]);
    expect(exported.code).toBe(0);
    const file = new SqliteDatabase(bundle, { readonly: true });
    const stored = file.prepare('select sha256 from media').pluck().all() as string[];
    file.close();
    expect(stored.sort()).toEqual([...Object.values(logoSha), fontSha].sort());

    const other = tempDir();
    const opened = await runCliCaptured(['open-bundle', bundle, '--json', '--data-dir', other]);
    expect(opened.code).toBe(0);
    const copy = JSON.parse(opened.out) as { id: string; brandKitId: string | null };

    target = createServices({ dataDir: other, shell: 'test', lock: false });
    const kits = target.brandKits.list();
    expect(kits).toHaveLength(1);
    const kit = kits[0]!;
    expect(copy.brandKitId).toBe(kit.id);
    expect(kit.id).not.toBe(sourceKit.id);
    expect(kit).toMatchObject({
      name: 'Night Owl',
      colors: sourceKit.colors,
      fonts: {
        heading: 'Noto Sans',
        body: 'Noto Sans JP',
        imported: [{ family: 'Noto Sans Black', mediaId: expect.any(String) as unknown }],
      },
      defaultLogoType: 'icon',
      lineage: { kind: 'bundle', sourceBrandKitId: sourceKit.id },
    });
    const logos = Object.fromEntries(
      kit.logos.map((l) => [l.type, target.media.get(l.mediaId).sha256]),
    );
    expect(logos).toEqual(logoSha);
    for (const logo of kit.logos)
      expect(sourceKit.logos.map((l) => l.mediaId)).not.toContain(logo.mediaId);
  });

  it('opening it again reuses the same kit and media (deduplicated by content)', async () => {
    const again = await importBundle(bundle, target.library.store, target.media, target.fonts);
    expect(target.brandKits.list()).toHaveLength(1);
    expect(again.brandKitId).toBe(target.brandKits.list()[0]!.id);
    expect(target.media.list({ limit: 10, offset: 0 }).total).toBe(3);
  });

  it('a changed kit of the same name is a different kit', async () => {
    const kit = target.brandKits.list()[0]!;
    target.brandKits.update(kit.id, { colors: [{ name: 'ink', hex: '#000000' }] });
    const third = await importBundle(bundle, target.library.store, target.media, target.fonts);
    expect(target.brandKits.list()).toHaveLength(2);
    expect(third.brandKitId).not.toBe(kit.id);
  });

  it('a project without a kit travels without one', async () => {
    const bare = target.projects.create({ title: 'Plain' });
    const file = path.join(tempDir(), 'plain.reelsmith');
    await exportBundle(target.projects.get(bare.id), target.media, file, { brandKit: null });
    const kits = target.brandKits.list().length;
    const opened = await importBundle(file, target.library.store, target.media, target.fonts);
    expect(opened.brandKitId).toBeNull();
    expect(target.brandKits.list()).toHaveLength(kits);
  });

  it('a bundle written before kits travelled (no brandKit key) still opens', async () => {
    const file = path.join(tempDir(), 'old.reelsmith');
    const bare = target.projects.create({ title: 'Old style' });
    await exportBundle(target.projects.get(bare.id), target.media, file);
    const db = new SqliteDatabase(file);
    const json = JSON.parse(
      db.prepare('select json from project').pluck().get() as string,
    ) as Record<string, unknown>;
    delete json.brandKit;
    db.prepare('update project set json = ?').run(JSON.stringify(json));
    db.close();
    const opened = await importBundle(file, target.library.store, target.media, target.fonts);
    expect(opened).toMatchObject({ title: 'Old style', brandKitId: null });
  });
});
