/**
 * 0001: the library: projects, segments, media, layers, brand kits, assets, jobs, outbox.
 *
 * Frozen in time: never edit this file once released (the runner refuses a changed checksum);
 * write a new migration instead. It takes `Kysely<any>` because the app's `Database` type moves
 * on while this schema does not.
 */
import { sql, type Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [
    db.schema
      .createTable('media')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('image', 'video', 'audio', 'font')`),
      )
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull().check(sql`bytes > 0`))
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('duration_ms', 'integer')
      .addColumn('codec_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) =>
        c.notNull().check(sql`source in ('imported', 'generated')`),
      )
      .addColumn('provenance_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'integer', (c) => c.notNull()),
    db.schema.createIndex('media_kind_created').on('media').columns(['kind', 'created_at']),

    db.schema
      .createTable('brand_kits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('colors_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('fonts_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('default_logo_type', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull()),
    db.schema
      .createTable('brand_kit_logos')
      .addColumn('brand_kit_id', 'text', (c) =>
        c.notNull().references('brand_kits.id').onDelete('cascade'),
      )
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('restrict'))
      .addPrimaryKeyConstraint('brand_kit_logos_pk', ['brand_kit_id', 'type']),
    db.schema.createIndex('brand_kit_logos_media').on('brand_kit_logos').column('media_id'),

    db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('idea', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('script', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`status in ('draft', 'generating', 'ready', 'rendering', 'rendered', 'failed')`,
          ),
      )
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('fps', 'integer', (c) => c.notNull())
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('brand_kit_id', 'text', (c) => c.references('brand_kits.id').onDelete('set null'))
      .addColumn('settings_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('lineage_json', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addColumn('deleted_at', 'integer')
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1)),
    // The library's pages: live (or trashed) projects by recency, title or creation.
    db.schema
      .createIndex('projects_live_updated')
      .on('projects')
      .columns(['deleted_at', 'updated_at', 'id']),
    db.schema
      .createIndex('projects_live_created')
      .on('projects')
      .columns(['deleted_at', 'created_at', 'id']),
    db.schema
      .createIndex('projects_live_title')
      .on('projects')
      .expression(sql`deleted_at, title collate nocase, id`),
    db.schema.createIndex('projects_brand_kit').on('projects').column('brand_kit_id'),

    db.schema
      .createTable('segments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('image_prompt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('duration_ms', 'integer', (c) => c.notNull().check(sql`duration_ms > 0`))
      .addColumn('playback_rate', 'real', (c) => c.notNull().defaultTo(1))
      .addColumn('volume', 'real', (c) => c.notNull().defaultTo(1))
      .addColumn('motion', 'text', (c) => c.notNull())
      .addColumn('transition', 'text', (c) => c.notNull())
      .addColumn('word_timings_json', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull()),
    db.schema
      .createIndex('segments_project_position')
      .on('segments')
      .columns(['project_id', 'position']),

    db.schema
      .createTable('segment_media')
      .addColumn('segment_id', 'text', (c) =>
        c.notNull().references('segments.id').onDelete('cascade'),
      )
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('restrict'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('visual', 'audio')`))
      .addPrimaryKeyConstraint('segment_media_pk', ['segment_id', 'role']),
    db.schema.createIndex('segment_media_media').on('segment_media').column('media_id'),

    db.schema
      .createTable('layers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) =>
        c.notNull().references('projects.id').onDelete('cascade'),
      )
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('captions', 'voice', 'music')`),
      )
      .addColumn('media_id', 'text', (c) => c.references('media.id').onDelete('restrict'))
      .addColumn('settings_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull()),
    db.schema.createIndex('layers_project').on('layers').columns(['project_id', 'position']),
    db.schema.createIndex('layers_media').on('layers').column('media_id'),

    db.schema
      .createTable('assets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('brand_kit_id', 'text', (c) => c.references('brand_kits.id').onDelete('set null'))
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('restrict'))
      .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
      .addColumn('settings_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('created_at', 'integer', (c) => c.notNull()),
    db.schema.createIndex('assets_media').on('assets').column('media_id'),
    db.schema.createIndex('assets_brand_kit').on('assets').column('brand_kit_id'),

    db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
      )
      .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
      .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('error_json', 'text')
      .addColumn('input_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('output_json', 'text')
      .addColumn('checkpoint_json', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull()),
    db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']),
    db.schema.createIndex('jobs_project').on('jobs').column('project_id'),

    db.schema
      .createTable('outbox')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('pending', 'sending', 'sent', 'failed')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull()),
    db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']),
  ];
}
