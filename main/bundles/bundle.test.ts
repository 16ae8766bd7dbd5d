import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { makeFixtures } from '../media/testing-fixtures';
import { createServices, type Services } from '../services';
import { exportBundle } from './bundle-export';
import { importBundle } from './bundle-import';

const tempDir = useTempDirs();
let source: Services;
let target: Services;
let bundle: string;

beforeAll(async () => {
  const fixtures = makeFixtures(tempDir());
  source = createServices({ dataDir: tempDir(), shell: 'test', lock: false });
  target = createServices({ dataDir: tempDir(), shell: 'test', lock: false });
  const project = source.projects.create({ title: 'Tamper target' });
  const png = await source.media.importFile({ path: fixtures.redPng, name: 'red.png' });
  source.projects.createSegment(project.id, { media: [{ mediaId: png.media.id, role: 'visual' }] });
  bundle = path.join(tempDir(), 'ok.reelsmith');
  await exportBundle(source.projects.get(project.id), source.media, bundle);
});
afterAll(async () => {
  await source.close();
  await target.close();
});

/** A copy of the good bundle changed by `edit`. */
function tampered(edit: (db: SqliteDatabase.Database) => void): string {
  const copy = path.join(tempDir(), 'bad.reelsmith');
  fs.copyFileSync(bundle, copy);
  const db = new SqliteDatabase(copy);
  edit(db);
  db.close();
  return copy;
}

const open = (file: string) => importBundle(file, target.library.store, target.media, target.fonts);

describe('bundle import refuses damaged or hostile bundles, importing nothing', () => {
  it('a newer format version', async () => {
    const file = tampered((db) =>
      db.prepare("update manifest set value = '99' where key = 'version'").run(),
    );
    await expect(open(file)).rejects.toThrow(/newer Reelsmith/);
  });

  it('media bytes that do not match their hash', async () => {
    const file = tampered((db) => db.prepare("update chunks set data = x'00112233'").run());
    await expect(open(file)).rejects.toThrow(/hash mismatch/);
  });

  it('a medium that is really an HLS playlist (hash made to match)', async () => {
    const hls = Buffer.from('#EXTM3U\n#EXTINF:1,\n/etc/passwd\n');
    const sha = (await import('node:crypto')).createHash('sha256').update(hls).digest('hex');
    const file = tampered((db) => {
      const old = (db.prepare('select sha256 from media').get() as { sha256: string }).sha256;
      db.prepare('update media set sha256 = ?, bytes = ? where sha256 = ?').run(
        sha,
        hls.length,
        old,
      );
      db.prepare('update chunks set sha256 = ?, data = ? where sha256 = ?').run(sha, hls, old);
    });
    await expect(open(file)).rejects.toThrow(/HLS/);
  });

  it('a project that breaks the schema', async () => {
    const file = tampered((db) => db.prepare(`update project set json = '{"title": 5}'`).run());
    await expect(open(file)).rejects.toThrow(/not a Reelsmith bundle/);
  });

  it('leaves the target library without projects after all of the above', () => {
    expect(
      target.projects.list({
        search: undefined,
        sort: 'updated',
        direction: 'desc',
        limit: 50,
        offset: 0,
        trash: false,
      }).total,
    ).toBe(0);
  });

  it('and opens the untouched bundle', async () => {
    const project = await open(bundle);
    expect(project).toMatchObject({ title: 'Tamper target', segmentCount: 1 });
  });
});
