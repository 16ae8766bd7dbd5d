import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../../testing/temp-library';
import { listBackups } from '../open-library';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

describe('0002_settings', () => {
  it('adds the settings table to a v1 library with data, keeping the data, after a backup', () => {
    const dir = tempDir();
    const v1 = openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 1) });
    v1.store.sqlite
      .prepare(
        "insert into projects (id, title, status, width, height, fps, platform, created_at, updated_at) values ('p', 'Kept', 'ready', 1080, 1920, 30, 'tiktok', 1, 2)",
      )
      .run();
    v1.close();

    const v2 = openTempLibrary(dir);
    const db = v2.store.sqlite;
    expect(db.prepare('select title, status from projects').all()).toEqual([
      { title: 'Kept', status: 'ready' },
    ]);
    expect(
      db.prepare('select id from schema_migrations order by id').pluck().all().slice(0, 2),
    ).toEqual(['0001_initial', '0002_settings']);
    db.prepare(
      "insert into settings (key, value_json, updated_at) values ('language', '\"de\"', 1)",
    ).run();
    const plan = (
      db
        .prepare('explain query plan select value_json from settings where key = ?')
        .all('language') as {
        detail: string;
      }[]
    )
      .map((r) => r.detail)
      .join(' ');
    expect(plan).toMatch(/USING INDEX sqlite_autoindex_settings_1/);
    expect(listBackups(v2.backupsDir)).toHaveLength(1);
    v2.close();
  });
});
