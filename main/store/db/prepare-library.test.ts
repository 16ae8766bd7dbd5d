import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { createMemoryLogger } from '../../util/logger';
import { openTempLibrary } from '../testing/temp-library';
import { MIGRATIONS } from './migrations';
import { BACKUPS_KEPT, LIBRARY_FILE_NAME, listBackups } from './open-library';
import { prepareLibrary } from './prepare-library';

const tempDir = useTempDirs();
afterEach(() => vi.restoreAllMocks());

/** A library at the first schema version holding one project. */
function oldLibrary(): string {
  const dir = tempDir();
  const library = openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 1) });
  library.store.sqlite
    .prepare(
      "insert into projects (id, title, idea, script, status, width, height, fps, platform, created_at, updated_at) values ('p1', 'Old project', '', '', 'ready', 1080, 1920, 30, 'tiktok', 1, 1)",
    )
    .run();
  library.close();
  return dir;
}

function migrationIds(file: string): string[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (
      db.prepare('select id from schema_migrations order by id').all() as { id: string }[]
    ).map((r) => r.id);
  } finally {
    db.close();
  }
}

function titles(file: string): string[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare('select title from projects').all() as { title: string }[]).map(
      (r) => r.title,
    );
  } finally {
    db.close();
  }
}

describe('prepareLibrary', () => {
  it('backs up an old library with backup(), migrates it and keeps the data', async () => {
    const dir = oldLibrary();
    const backupSpy = vi.spyOn(SqliteDatabase.prototype, 'backup');
    const vacuumSpy = vi.spyOn(SqliteDatabase.prototype, 'prepare');
    const prepared = await prepareLibrary(dir, { log: createMemoryLogger() });

    expect(backupSpy).toHaveBeenCalledTimes(1);
    expect(vacuumSpy.mock.calls.some(([sql]) => /vacuum/i.test(sql))).toBe(false);
    expect(prepared.applied).toEqual(MIGRATIONS.slice(1).map((m) => m.id));
    expect(prepared.backup).not.toBeNull();
    const backup = prepared.backup ?? '';
    expect(path.dirname(backup)).toBe(path.join(dir, 'backups'));
    // The backup is a sound SQLite database at the old version, with the old data.
    const copy = new SqliteDatabase(backup, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
    expect(migrationIds(backup)).toEqual(['0001_initial']);
    expect(titles(backup)).toEqual(['Old project']);
    // The library itself is migrated, data intact.
    const file = path.join(dir, LIBRARY_FILE_NAME);
    expect(migrationIds(file)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(titles(file)).toEqual(['Old project']);

    // Nothing pending: no second backup; openLibrary then has nothing to do.
    const again = await prepareLibrary(dir, { log: createMemoryLogger() });
    expect(again).toMatchObject({ applied: [], backup: null, recovered: null });
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(1);
    const library = openTempLibrary(dir);
    library.close();
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('takes no backup of a new library', async () => {
    const dir = tempDir();
    const prepared = await prepareLibrary(dir, { log: createMemoryLogger() });
    expect(prepared.backup).toBeNull();
    expect(prepared.applied).toHaveLength(MIGRATIONS.length);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it(`keeps the newest ${BACKUPS_KEPT} backups`, async () => {
    const dir = oldLibrary();
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      fs.writeFileSync(path.join(backups, `library-2000-01-0${i}-old.sqlite`), 'old');
    }
    const prepared = await prepareLibrary(dir, { log: createMemoryLogger() });
    const kept = listBackups(backups);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toBe(prepared.backup);
  });

  it('restores the newest backup of a damaged library and says so', async () => {
    const dir = oldLibrary();
    await prepareLibrary(dir, { log: createMemoryLogger() }); // leaves a backup
    const file = path.join(dir, LIBRARY_FILE_NAME);
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const log = createMemoryLogger();
    const prepared = await prepareLibrary(dir, { log });
    expect(prepared.recovered?.corruptFile).toContain('.corrupt-');
    expect(fs.readFileSync(prepared.recovered?.corruptFile ?? '')[0]).toBe(0x5a);
    expect(prepared.notices.join()).toMatch(/damaged.*newest backup.*restored/);
    // The backup was at the old version: it is migrated again, its data back.
    expect(titles(file)).toEqual(['Old project']);
    expect(migrationIds(file)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('puts the pre-migration backup back when the check after migrating fails', async () => {
    const dir = oldLibrary();
    const file = path.join(dir, LIBRARY_FILE_NAME);
    const failing = prepareLibrary(dir, {
      log: createMemoryLogger(),
      check: () => 'row 3 missing from index x',
    });
    await expect(failing).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringMatching(
        /integrity check after migrating \(row 3 missing from index x\)\. The backup taken just before .* was restored/,
      ) as unknown,
    });
    expect(migrationIds(file)).toEqual(['0001_initial']);
    expect(titles(file)).toEqual(['Old project']);
    const aside = fs.readdirSync(dir).filter((n) => n.includes('failed-migration'));
    expect(aside.length).toBeGreaterThan(0);
  });

  it('runs before CLI commands: an old library is backed up and migrated by `projects list`', async () => {
    const dir = oldLibrary();
    const run = await runCliCaptured(['projects', 'list', '--json', '--data-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Old project');
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(1);
    expect(migrationIds(path.join(dir, LIBRARY_FILE_NAME))).toEqual(MIGRATIONS.map((m) => m.id));
  });
});
