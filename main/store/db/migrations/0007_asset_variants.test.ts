import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { findAssetVariant, listAssetVariants } from '../../assets/asset-variant.repository';
import { BrandKitsService } from '../../brand-kits/brand-kits.service';
import { countReferences, unreferencedMedia } from '../../media/media.repository';
import { openTempLibrary } from '../../testing/temp-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

const insertMedia = `insert into media (id, sha256, kind, mime, bytes, original_name, source, created_at)
  values (?, ?, ?, ?, 10, ?, 'imported', 1)`;

describe('0007_asset_variants', () => {
  it('adds variants and kit fonts beside existing kits and media, which keep working', () => {
    const dir = tempDir();
    const before = MIGRATIONS.filter((m) => m.id < '0007');
    const old = openTempLibrary(dir, { migrations: before });
    const add = old.store.sqlite.prepare(insertMedia);
    add.run('pic', 'a'.repeat(64), 'image', 'image/png', 'fox.png');
    add.run('font', 'b'.repeat(64), 'font', 'font/ttf', 'Bungee.ttf');
    old.store.sqlite
      .prepare(
        `insert into brand_kits (id, name, colors_json, fonts_json, default_logo_type, created_at, updated_at)
         values ('kit', 'Neon', '[]', '{"heading":"Noto Sans"}', 'icon', 1, 2)`,
      )
      .run();
    old.close();

    const migrated = openTempLibrary(dir);
    const { store } = migrated;
    const db = store.sqlite;
    expect(db.prepare('select id from schema_migrations order by id').pluck().all()).toContain(
      '0007_asset_variants',
    );
    // The old kit reads as before, with no imported fonts.
    const kits = new BrandKitsService(store);
    expect(kits.get('kit').fonts).toEqual({ heading: 'Noto Sans' });
    // Both media were unreferenced before; now a variant and a kit font hold them.
    expect(
      unreferencedMedia(store)
        .map((m) => m.id)
        .sort(),
    ).toEqual(['font', 'pic']);
    db.prepare(
      `insert into asset_variants (id, job_id, asset_type, variant_index, brand_kit_id, media_id, brief_json, width, height, created_at)
       values ('v1', 'job', 'twitch_emote', 0, 'kit', 'pic', ?, 512, 512, 5)`,
    ).run(
      JSON.stringify({
        assetType: 'twitch_emote',
        subject: 'fox',
        style: '',
        text: '',
        colors: [],
      }),
    );
    const updated = kits.update('kit', {
      fonts: { heading: 'Bungee', imported: [{ family: 'Bungee', mediaId: 'font' }] },
    });
    expect(updated.fonts).toEqual({
      heading: 'Bungee',
      imported: [{ family: 'Bungee', mediaId: 'font' }],
    });
    expect(unreferencedMedia(store)).toEqual([]);
    expect([countReferences(store, 'pic'), countReferences(store, 'font')]).toEqual([1, 1]);
    expect(findAssetVariant(store, 'v1')).toMatchObject({ assetType: 'twitch_emote', index: 0 });
    expect(listAssetVariants(store, { assetType: 'twitch_emote', limit: 5 })).toHaveLength(1);
    // A kit font must be a font medium.
    expect(() =>
      kits.update('kit', { fonts: { imported: [{ family: 'Fox', mediaId: 'pic' }] } }),
    ).toThrow(/not a font/);
    // The media a variant or kit uses cannot be deleted under it.
    expect(() => db.prepare("delete from media where id = 'pic'").run()).toThrow(/FOREIGN KEY/);
    // Deleting the kit drops its font rows and leaves the variant without a kit.
    kits.delete('kit');
    expect(db.prepare('select count(*) from brand_kit_fonts').pluck().get()).toBe(0);
    expect(findAssetVariant(store, 'v1')?.brandKitId).toBeNull();

    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`explain query plan ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' ');
    expect(
      plan(
        "select * from asset_variants where asset_type = 'twitch_emote' order by created_at desc limit 5",
      ),
    ).toMatch(/USING INDEX asset_variants_type_created/);
    expect(plan("select count(*) from asset_variants where media_id = 'pic'")).toMatch(
      /asset_variants_media/,
    );
    expect(plan("select count(*) from brand_kit_fonts where media_id = 'font'")).toMatch(
      /brand_kit_fonts_media/,
    );
    migrated.close();
  });
});
