import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../../testing/temp-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

describe('0003_media_versions', () => {
  it('adds segment media versions to a v2 library, making every existing link version 1', () => {
    const dir = tempDir();
    const v2 = openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 2) });
    const old = v2.store.sqlite;
    old
      .prepare(
        "insert into projects (id, title, status, width, height, fps, platform, created_at, updated_at) values ('p', 'Kept', 'ready', 1080, 1920, 30, 'tiktok', 1, 2)",
      )
      .run();
    old
      .prepare(
        "insert into media (id, sha256, kind, mime, bytes, original_name, source, provenance_json, created_at) values ('m', 'abc', 'image', 'image/png', 10, 'a.png', 'generated', '{\"prompt\":\"sea\"}', 1)",
      )
      .run();
    old
      .prepare(
        "insert into segments (id, project_id, position, duration_ms, motion, transition, created_at, updated_at) values ('s', 'p', 0, 3000, 'none', 'cut', 1, 7)",
      )
      .run();
    old
      .prepare("insert into segment_media (segment_id, media_id, role) values ('s', 'm', 'visual')")
      .run();
    v2.close();

    const v3 = openTempLibrary(dir);
    const db = v3.store.sqlite;
    expect(db.prepare('select * from segment_media_versions').all()).toEqual([
      {
        segment_id: 's',
        role: 'visual',
        version: 1,
        media_id: 'm',
        provenance_json: '{"prompt":"sea"}',
        created_at: 7,
      },
    ]);
    expect(db.prepare('select title from projects').pluck().all()).toEqual(['Kept']);
    const plan = (
      db
        .prepare(
          'explain query plan select * from segment_media_versions where segment_id = ? and role = ? order by version',
        )
        .all('s', 'visual') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_segment_media_versions_1/);
    const byMedia = (
      db
        .prepare('explain query plan select 1 from segment_media_versions where media_id = ?')
        .all('m') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(byMedia).toMatch(/segment_media_versions_media/);
    // A version keeps its medium: deleting a medium still in use is refused by the database.
    expect(() => db.prepare("delete from media where id = 'm'").run()).toThrow(/FOREIGN KEY/);
    v3.close();
  });
});
