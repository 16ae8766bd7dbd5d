import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../../testing/temp-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

function plan(db: import('better-sqlite3').Database, sql: string, ...params: unknown[]): string {
  return (db.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

describe('0001_initial', () => {
  it('creates the library tables, constraints and the indexes the hot queries use', () => {
    const library = openTempLibrary(tempDir(), { migrations: MIGRATIONS.slice(0, 1) });
    const db = library.store.sqlite;
    db.prepare(
      "insert into projects (id, title, status, width, height, fps, platform, created_at, updated_at) values ('p', 'T', 'draft', 1080, 1920, 30, 'tiktok', 1, 1)",
    ).run();
    db.prepare(
      "insert into segments (id, project_id, position, duration_ms, motion, transition, created_at, updated_at) values ('s', 'p', 0, 1000, 'none', 'cut', 1, 1)",
    ).run();
    expect(() =>
      db.prepare("update projects set status = 'exploded' where id = 'p'").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "insert into segment_media (segment_id, media_id, role) values ('s', 'missing', 'visual')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("delete from projects where id = 'p'").run();
    expect(db.prepare('select count(*) n from segments').get()).toEqual({ n: 0 }); // cascade

    expect(
      plan(
        db,
        'select * from projects where deleted_at is null order by updated_at desc, id desc limit 50',
      ),
    ).toMatch(/^SEARCH projects USING INDEX projects_live_updated \(deleted_at=\?\)$/);
    expect(
      plan(
        db,
        'select * from projects where deleted_at is null order by title collate nocase limit 50',
      ),
    ).toMatch(/USING INDEX projects_live_title/);
    expect(plan(db, 'select * from segments where project_id = ? order by position', 'p')).toMatch(
      /USING INDEX segments_project_position/,
    );
    expect(plan(db, 'select 1 from segment_media where media_id = ?', 'm')).toMatch(
      /segment_media_media/,
    );
    library.close();
  });
});
