/**
 * A brand kit's imported fonts travel in `.reelsmith` bundles: the TTF goes in as a medium, comes
 * out in another data folder through the same checks as `brandKits.importFont`, lands in that
 * folder's fonts dir, and the captions of a render there are drawn with it. A bundle is hostile
 * input: a "font" that is a picture, or one past the size limit, is refused with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandFontFile, BrandKit } from '../../shared/contract/brand-kits.contract';
import { ProjectListInput } from '../../shared/contract/projects.contract';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { runCliCaptured } from '../../tests/helpers/run-cli';
import { MEDIA_LIMITS } from '../media/media-limits';
import { makeFixtures } from '../media/testing-fixtures';
import { projectToTimeline } from '../pipeline/render/project-timeline';
import { createServices, type Services } from '../services';
import { upsertLayer } from '../store/projects/layer.repository';
import { importBundle } from './bundle-import';

const tempDir = useTempDirs();
/** Not one of the bundled fonts: a render can only use it if the file arrived. */
const BLACK_TTF = path.resolve(
  'node_modules/@expo-google-fonts/noto-sans/900Black/NotoSans_900Black.ttf',
);
const PINK: [number, number, number] = [0xff, 0x14, 0x93];
const PALETTE = { primary: '#ff1493', secondary: '#00e5ff', accent: '#ffd600' };

let home: string;
let bundle: string;
let fontSha: string;
let sourceFont: BrandFontFile;
let target: Services;

/** A one-segment project on a dark still, one big caption word, in `kitId`'s brand. */
async function captionProject(services: Services, kitId: string): Promise<string> {
  const fixtures = makeFixtures(tempDir());
  const still = await services.media.importFile({
    path: fixtures.png('dark.png', '0x202020'),
    name: 'dark.png',
  });
  const project = services.projects.create({ title: 'Font trip', brandKitId: kitId });
  services.projects.createSegment(project.id, {
    durationMs: 2000,
    media: [{ mediaId: still.media.id, role: 'visual' }],
    wordTimings: [{ word: 'BRAND', startMs: 0, endMs: 1900 }],
  });
  upsertLayer(services.library.store, project.id, {
    kind: 'captions',
    mediaId: null,
    settings: { style: { highlight: 'none', fontSize: 150, position: 'center' } },
  });
  return project.id;
}

/** Pixels of a rendered caption frame in the brand pink. */
async function pinkPixels(services: Services, projectId: string): Promise<number> {
  const timeline = projectToTimeline(services.media.renderSource(projectId));
  const output = path.join(tempDir(), 'frame.png');
  await services.renderService.frame({ timeline, t: 0.8, output });
  const { data, info } = await sharp(output).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const rgb = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
    if (rgb.every((v, c) => Math.abs(v - (PINK[c] ?? 0)) <= 40)) n++;
  }
  return n;
}

/** A copy of the round-trip bundle, changed by `edit`. */
function tampered(name: string, edit: (db: SqliteDatabase.Database) => void): string {
  const file = path.join(tempDir(), name);
  fs.copyFileSync(bundle, file);
  const db = new SqliteDatabase(file);
  try {
    edit(db);
  } finally {
    db.close();
  }
  return file;
}

beforeAll(async () => {
  home = tempDir();
  const source = createServices({ dataDir: home, shell: 'test', lock: false });
  try {
    const picked = source.files.fromPath(BLACK_TTF);
    const result = await source.router.handle(
      'brandKits.importFont',
      { file: { id: picked.id } },
      { transport: 'in-process' },
    );
    if (!result.ok) throw new Error(result.error.message);
    sourceFont = BrandFontFile.parse(result.value);
    fontSha = source.media.get(sourceFont.mediaId).sha256;
    const kit = source.brandKits.create({
      name: 'Pink black',
      palette: PALETTE,
      fonts: { heading: sourceFont.family, imported: [sourceFont] },
    });
    const projectId = await captionProject(source, kit.id);
    bundle = path.join(tempDir(), 'fonts.reelsmith');
    const exported = await runCliCaptured(['export', projectId, '-o', bundle, '--data-dir', home]);
    expect(exported.code, exported.err).toBe(0);
  } finally {
    await source.close();
  }
  target = createServices({ dataDir: tempDir(), shell: 'test', lock: false });
}, 60_000);
afterAll(() => target.close());

describe("bundles carry the brand kit's imported fonts", () => {
  it('the bundle holds the font file once, as a medium', () => {
    const db = new SqliteDatabase(bundle, { readonly: true });
    const rows = db.prepare("select sha256, kind from media where kind = 'font'").all();
    const project = JSON.parse(db.prepare('select json from project').pluck().get() as string) as {
      brandKit: { fonts: { imported: BrandFontFile[] } };
    };
    db.close();
    expect(rows).toEqual([{ sha256: fontSha, kind: 'font' }]);
    expect(project.brandKit.fonts.imported).toEqual([sourceFont]);
  });

  it('opens in a fresh data folder with the font in its fonts dir, and captions render with it', async () => {
    expect(fs.readdirSync(target.fonts.dir).some((n) => n.startsWith('imported-'))).toBe(false);
    const opened = await importBundle(bundle, target.library.store, target.media, target.fonts);
    const kit = BrandKit.parse(target.brandKits.get(opened.brandKitId ?? ''));
    const font = kit.fonts.imported?.[0];
    expect(kit.fonts.imported).toHaveLength(1);
    expect(font?.family).toBe('Noto Sans Black');
    expect(font?.mediaId).not.toBe(sourceFont.mediaId);
    expect(target.media.get(font?.mediaId ?? '')).toMatchObject({ kind: 'font', sha256: fontSha });
    const linked = fs.readdirSync(target.fonts.dir).filter((n) => n.startsWith('imported-'));
    expect(linked).toEqual([`imported-${fontSha.slice(0, 32)}.ttf`]);
    expect(fs.readFileSync(path.join(target.fonts.dir, linked[0] ?? ''))).toEqual(
      fs.readFileSync(BLACK_TTF),
    );

    const timeline = projectToTimeline(target.media.renderSource(opened.id));
    expect(timeline.captions?.style).toMatchObject({ fontFamily: 'Noto Sans Black' });
    const withBlack = await pinkPixels(target, opened.id);
    // The same captions in the bundled Bold: the imported Black weight inks clearly more, so
    // libass found the font that came with the bundle rather than falling back.
    const bold = target.brandKits.create({
      name: 'Pink bold',
      palette: PALETTE,
      fonts: { heading: 'Noto Sans' },
    });
    const withBold = await pinkPixels(target, await captionProject(target, bold.id));
    expect(withBold).toBeGreaterThan(2000);
    expect(withBlack).toBeGreaterThan(withBold * 1.15);
  }, 120_000);

  it('opening it again reuses the kit and the font (deduplicated by content)', async () => {
    const kits = target.brandKits.list().length;
    const fontsBefore = target.media.list({ limit: 100, offset: 0, kind: 'font' }).total;
    const again = await importBundle(bundle, target.library.store, target.media, target.fonts);
    expect(target.brandKits.list()).toHaveLength(kits);
    expect(target.brandKits.get(again.brandKitId ?? '').fonts.imported).toHaveLength(1);
    expect(target.media.list({ limit: 100, offset: 0, kind: 'font' }).total).toBe(fontsBefore);
  });

  it('takes the family from the font file, not from what the bundle claims', async () => {
    const file = tampered('renamed.reelsmith', (db) => {
      const json = db.prepare('select json from project').pluck().get() as string;
      db.prepare('update project set json = ?').run(
        json.replaceAll('"family":"Noto Sans Black"', '"family":"Comic Sans MS"'),
      );
    });
    const opened = await importBundle(file, target.library.store, target.media, target.fonts);
    const kit = target.brandKits.get(opened.brandKitId ?? '');
    expect(kit.fonts.imported?.map((f) => f.family)).toEqual(['Noto Sans Black']);
  });

  it('refuses a kit "font" that is really a picture, naming it', async () => {
    const png = fs.readFileSync(makeFixtures(tempDir()).png('evil.png', 'red'));
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(png).digest('hex');
    const file = tampered('picture-font.reelsmith', (db) => {
      db.prepare('delete from chunks where sha256 = ?').run(fontSha);
      db.prepare('insert into chunks (sha256, seq, data) values (?, 0, ?)').run(sha, png);
      db.prepare('update media set sha256 = ?, bytes = ? where sha256 = ?').run(
        sha,
        png.length,
        fontSha,
      );
    });
    const projects = target.projects.list(ProjectListInput.parse({})).total;
    await expect(
      importBundle(file, target.library.store, target.media, target.fonts),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/NotoSans_900Black\.ttf is not a usable font/) as unknown,
    });
    expect(target.projects.list(ProjectListInput.parse({})).total).toBe(projects);
  });

  it('refuses a font past the size limit, declared or actual, before importing it', async () => {
    const declared = tampered('declared-huge.reelsmith', (db) => {
      db.prepare('update media set bytes = ? where sha256 = ?').run(
        MEDIA_LIMITS.maxFontBytes + 1,
        fontSha,
      );
    });
    await expect(
      importBundle(declared, target.library.store, target.media, target.fonts),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringMatching(/font/) as unknown,
    });
    // Declared small, but its chunks go on and on: stopped while reading, not after.
    const chunks = Math.ceil(MEDIA_LIMITS.maxFontBytes / (1024 * 1024)) + 1;
    const actual = tampered('actual-huge.reelsmith', (db) => {
      const insert = db.prepare(
        'insert into chunks (sha256, seq, data) values (?, ?, zeroblob(1048576))',
      );
      for (let seq = 1000; seq < 1000 + chunks; seq++) insert.run(fontSha, seq);
    });
    await expect(
      importBundle(actual, target.library.store, target.media, target.fonts),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
  }, 60_000);

  it('a bundle from before fonts travelled (families only, no font media) still opens', async () => {
    const file = tampered('old.reelsmith', (db) => {
      const json = JSON.parse(db.prepare('select json from project').pluck().get() as string) as {
        brandKit: { fonts: Record<string, unknown> };
      };
      delete json.brandKit.fonts.imported;
      db.prepare('update project set json = ?').run(JSON.stringify(json));
      db.prepare('delete from chunks where sha256 = ?').run(fontSha);
      db.prepare('delete from media where sha256 = ?').run(fontSha);
    });
    const opened = await importBundle(file, target.library.store, target.media, target.fonts);
    const kit = target.brandKits.get(opened.brandKitId ?? '');
    expect(kit.fonts).toEqual({ heading: 'Noto Sans Black' });
  });
});
