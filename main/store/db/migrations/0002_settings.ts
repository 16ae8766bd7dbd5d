/**
 * 0002: user settings move from settings.json into the database (the service imports the file).
 *
 * Frozen in time: never edit once released; write a new migration instead.
 */
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [
    db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull()),
  ];
}
