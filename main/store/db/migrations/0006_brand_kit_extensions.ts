/**
 * 0006: brand kits gain a palette (primary, secondary, accent) and tone-of-voice notes.
 *
 * Extended colours (with usage notes) stay in `colors_json`; logo types stay free text.
 * Frozen in time: never edit once released; write a new migration instead.
 */
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [
    db.schema.alterTable('brand_kits').addColumn('primary_color', 'text'),
    db.schema.alterTable('brand_kits').addColumn('secondary_color', 'text'),
    db.schema.alterTable('brand_kits').addColumn('accent_color', 'text'),
    db.schema
      .alterTable('brand_kits')
      .addColumn('tone_notes', 'text', (c) => c.notNull().defaultTo('')),
  ];
}
