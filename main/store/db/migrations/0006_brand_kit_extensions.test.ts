import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { BrandKitsService } from '../../brand-kits/brand-kits.service';
import { openTempLibrary } from '../../testing/temp-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

describe('0006_brand_kit_extensions', () => {
  it('adds palette and tone columns to existing kits, keeping their colours, fonts and logos type', () => {
    const dir = tempDir();
    const before = MIGRATIONS.filter((m) => m.id < '0006');
    const old = openTempLibrary(dir, { migrations: before });
    old.store.sqlite
      .prepare(
        `insert into brand_kits (id, name, colors_json, fonts_json, default_logo_type, created_at, updated_at)
         values ('kit', 'Neon', '[{"name":"pink","hex":"#ff00aa"}]', '{"heading":"Noto Sans"}', 'square', 1, 2)`,
      )
      .run();
    old.close();

    const migrated = openTempLibrary(dir);
    const db = migrated.store.sqlite;
    expect(db.prepare('select id from schema_migrations order by id').pluck().all()).toContain(
      '0006_brand_kit_extensions',
    );
    const kit = new BrandKitsService(migrated.store).get('kit');
    expect(kit).toMatchObject({
      name: 'Neon',
      colors: [{ name: 'pink', hex: '#ff00aa' }],
      fonts: { heading: 'Noto Sans' },
      defaultLogoType: 'square',
      palette: { primary: null, secondary: null, accent: null },
      toneNotes: '',
    });
    const updated = new BrandKitsService(migrated.store).update('kit', {
      palette: { primary: '#112233', secondary: '#445566', accent: null },
      toneNotes: 'Hype but kind.',
    });
    expect(updated.palette).toEqual({ primary: '#112233', secondary: '#445566', accent: null });
    const plan = (
      db.prepare('explain query plan select * from brand_kits where id = ?').all('kit') as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_brand_kits_1/);
    migrated.close();
  });
});
