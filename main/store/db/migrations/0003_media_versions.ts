/**
 * 0003: every generated (or chosen) medium a segment ever had, per role, so regenerating an
 * image or a voice keeps the earlier ones for undo. `segment_media` stays the active choice;
 * existing links become version 1.
 *
 * Frozen in time: never edit once released; write a new migration instead.
 */
import { sql, type Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [
    db.schema
      .createTable('segment_media_versions')
      .addColumn('segment_id', 'text', (c) =>
        c.notNull().references('segments.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('visual', 'audio')`))
      .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('restrict'))
      .addColumn('provenance_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('segment_media_versions_pk', ['segment_id', 'role', 'version']),
    db.schema
      .createIndex('segment_media_versions_media')
      .on('segment_media_versions')
      .column('media_id'),
    sql`insert into segment_media_versions (segment_id, role, version, media_id, provenance_json, created_at)
      select sm.segment_id, sm.role, 1, sm.media_id, m.provenance_json, s.updated_at
      from segment_media sm
      join segments s on s.id = sm.segment_id
      join media m on m.id = sm.media_id`,
  ];
}
