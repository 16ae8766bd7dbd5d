/**
 * 0004: brand kits remember where they came from (a bundle opened on this machine), as projects do.
 *
 * Frozen in time: never edit once released; write a new migration instead.
 */
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [db.schema.alterTable('brand_kits').addColumn('lineage_json', 'text')];
}
