import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../../testing/temp-library';
import { listBackups } from '../open-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

describe('0005_outbox_uploads', () => {
  it('rebuilds the outbox with the queue states, keeping old rows, and adds uploads and parts', () => {
    const dir = tempDir();
    const before = MIGRATIONS.findIndex((m) => m.id === '0005_outbox_uploads');
    const old = openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, before) });
    const insert = old.store.sqlite.prepare(
      'insert into outbox (kind, payload_json, idempotency_key, status, attempts, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('video', '{"a":1}', 'key-pending', 'pending', 0, 10, 5);
    insert.run('video', '{"b":2}', 'key-sent', 'sent', 2, 20, 6);
    insert.run('asset', '{}', 'key-failed', 'failed', 7, 30, 7);
    old.close();

    const lib = openTempLibrary(dir);
    const db = lib.store.sqlite;
    expect(
      db
        .prepare(
          'select kind, payload_json, idempotency_key, status, attempts, updated_at from outbox order by id',
        )
        .all(),
    ).toEqual([
      {
        kind: 'video',
        payload_json: '{"a":1}',
        idempotency_key: 'key-pending',
        status: 'queued',
        attempts: 0,
        updated_at: 5,
      },
      {
        kind: 'video',
        payload_json: '{"b":2}',
        idempotency_key: 'key-sent',
        status: 'done',
        attempts: 2,
        updated_at: 6,
      },
      {
        kind: 'asset',
        payload_json: '{}',
        idempotency_key: 'key-failed',
        status: 'failed',
        attempts: 7,
        updated_at: 7,
      },
    ]);
    expect(() =>
      db
        .prepare(
          "insert into outbox (kind, payload_json, idempotency_key, status, next_attempt_at, created_at, updated_at) values ('video', '{}', 'k2', 'sending', 0, 0, 0)",
        )
        .run(),
    ).toThrow(/CHECK/);

    db.prepare(
      "insert into outbox_uploads (outbox_id, role, path, upload_kind, content_type, bytes, mtime_ms) values (1, 'video', '/v.mp4', 'video', 'video/mp4', 100, 1)",
    ).run();
    db.prepare(
      "insert into outbox_parts (outbox_id, role, part_number, bytes, etag, done_at) values (1, 'video', 1, 50, '\"e\"', 1)",
    ).run();
    expect(() =>
      db
        .prepare(
          "insert into outbox_parts (outbox_id, role, part_number, bytes, etag, done_at) values (1, 'thumbnail', 1, 50, '\"e\"', 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    const plan = (
      db
        .prepare(
          'explain query plan select * from outbox_parts where outbox_id = ? and role = ? order by part_number',
        )
        .all(1, 'video') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/USING (PRIMARY KEY|INDEX sqlite_autoindex_outbox_parts_1)/);
    const due = (
      db
        .prepare(
          "explain query plan select id from outbox where status = 'queued' and next_attempt_at <= ?",
        )
        .all(100) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(due).toMatch(/USING (COVERING )?INDEX outbox_due/);
    db.prepare('delete from outbox where id = 1').run();
    expect(db.prepare('select count(*) from outbox_parts').pluck().get()).toBe(0);
    expect(listBackups(lib.backupsDir).length).toBeGreaterThanOrEqual(1);
    lib.close();
  });
});
