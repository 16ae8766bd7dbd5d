/**
 * 0005: the upload queue. `outbox` is rebuilt with the queue's states (SQLite cannot change a
 * CHECK constraint in place; old rows are kept, their states mapped), and gains the uploads of
 * each item, the parts each upload has sent (persisted as each part finishes, with the server's
 * upload id, so a restart resumes from the first missing part), and the published projects.
 *
 * Frozen in time: never edit once released; write a new migration instead.
 */
import { sql, type Kysely } from 'kysely';
import type { MigrationStep } from './step';

/* eslint-disable @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db */
export function up(db: Kysely<any>): MigrationStep[] {
  return [
    db.schema
      .createTable('outbox_next')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('project_id', 'text')
      .addColumn('payload_json', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`status in ('queued', 'initiating', 'uploading', 'completing', 'done', 'failed', 'paused', 'cancelled')`,
          ),
      )
      .addColumn('permanent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error_code', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('result_json', 'text')
      .addColumn('created_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull()),
    sql`insert into outbox_next (id, kind, payload_json, idempotency_key, status, attempts, next_attempt_at, last_error, created_at, updated_at)
        select id, kind, payload_json, idempotency_key,
          case status when 'pending' then 'queued' when 'sending' then 'queued' when 'sent' then 'done' else 'failed' end,
          attempts, next_attempt_at, last_error, created_at, created_at
        from outbox`,
    db.schema.dropTable('outbox'),
    sql`alter table outbox_next rename to outbox`,
    db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']),
    db.schema.createIndex('outbox_project').on('outbox').column('project_id'),

    db.schema
      .createTable('outbox_uploads')
      .addColumn('outbox_id', 'integer', (c) =>
        c.notNull().references('outbox.id').onDelete('cascade'),
      )
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('upload_kind', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('mtime_ms', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text')
      .addColumn('remote_upload_id', 'text')
      .addColumn('part_size', 'integer')
      .addColumn('part_count', 'integer')
      .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('outbox_uploads_pk', ['outbox_id', 'role']),

    db.schema
      .createTable('outbox_parts')
      .addColumn('outbox_id', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('part_number', 'integer', (c) => c.notNull().check(sql`part_number >= 1`))
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('done_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('outbox_parts_pk', ['outbox_id', 'role', 'part_number'])
      .addForeignKeyConstraint(
        'outbox_parts_upload',
        ['outbox_id', 'role'],
        'outbox_uploads',
        ['outbox_id', 'role'],
        (fk) => fk.onDelete('cascade'),
      ),

    db.schema
      .createTable('published_videos')
      .addColumn('project_id', 'text', (c) => c.primaryKey())
      .addColumn('video_id', 'text', (c) => c.notNull())
      .addColumn('share_url', 'text', (c) => c.notNull())
      .addColumn('outbox_id', 'integer')
      .addColumn('published_at', 'integer', (c) => c.notNull()),
  ];
}
