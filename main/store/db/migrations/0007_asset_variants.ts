/**
 * 0007: generated asset variants survive a restart, and brand kits reference imported fonts.
 *
 * `asset_variants`: one row per generated variant, its master picture a medium of the store
 * (restrict: the medium stays while a variant uses it). `brand_kit_fonts`: TTF/OTF media a kit
 * uses, with the family name read from the font, so garbage collection keeps them.
 * Frozen in time: never edit once released; write a new migration instead.
 */
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [
    db.schema
      .createTable('asset_variants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('asset_type', 'text', (c) => c.notNull())
      .addColumn('variant_index', 'integer', (c) => c.notNull())
      .addColumn('brand_kit_id', 'text', (c) => c.references('brand_kits.id').onDelete('set null'))
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('restrict'))
      .addColumn('brief_json', 'text', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull()),
    db.schema
      .createIndex('asset_variants_type_created')
      .on('asset_variants')
      .columns(['asset_type', 'created_at']),
    db.schema.createIndex('asset_variants_media').on('asset_variants').column('media_id'),
    db.schema
      .createTable('brand_kit_fonts')
      .addColumn('brand_kit_id', 'text', (c) =>
        c.notNull().references('brand_kits.id').onDelete('cascade'),
      )
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('restrict'))
      .addColumn('family', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('brand_kit_fonts_pk', ['brand_kit_id', 'media_id']),
    db.schema.createIndex('brand_kit_fonts_media').on('brand_kit_fonts').column('media_id'),
  ];
}
