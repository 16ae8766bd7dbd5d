import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { getBrandKit } from '../../brand-kits/brand-kit.repository';
import { openTempLibrary } from '../../testing/temp-library';
import { listBackups } from '../open-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();
const upTo = (id: string) =>
  MIGRATIONS.slice(
    0,
    MIGRATIONS.findIndex((m) => m.id === id),
  );

describe('0004_brand_kit_lineage', () => {
  it('adds a nullable lineage to the brand kits of an older library, keeping kits and logos', () => {
    const dir = tempDir();
    const before = openTempLibrary(dir, { migrations: upTo('0004_brand_kit_lineage') });
    const old = before.store.sqlite;
    old
      .prepare(
        'insert into brand_kits (id, name, colors_json, fonts_json, default_logo_type, created_at, updated_at) values (\'k\', \'Kit\', \'[{"name":"ink","hex":"#101820"}]\', \'{"heading":"Noto Sans"}\', \'icon\', 1, 2)',
      )
      .run();
    old
      .prepare(
        "insert into media (id, sha256, kind, mime, bytes, original_name, source, provenance_json, created_at) values ('m', ?, 'image', 'image/png', 10, 'logo.png', 'imported', '{}', 1)",
      )
      .run('a'.repeat(64));
    old
      .prepare(
        "insert into brand_kit_logos (brand_kit_id, type, media_id) values ('k', 'icon', 'm')",
      )
      .run();
    before.close();

    const after = openTempLibrary(dir);
    const columns = after.store.sqlite.prepare('pragma table_info(brand_kits)').all() as {
      name: string;
      notnull: number;
    }[];
    expect(columns.find((c) => c.name === 'lineage_json')).toMatchObject({ notnull: 0 });
    expect(getBrandKit(after.store, 'k')).toMatchObject({
      name: 'Kit',
      colors: [{ name: 'ink', hex: '#101820' }],
      fonts: { heading: 'Noto Sans' },
      logos: [{ type: 'icon', mediaId: 'm' }],
      defaultLogoType: 'icon',
      lineage: null,
    });
    const plan = (
      after.store.sqlite
        .prepare('explain query plan select * from brand_kits where id = ?')
        .all('k') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_brand_kits_1/);
    expect(listBackups(after.backupsDir)).toHaveLength(1);
    after.close();
  });
});
