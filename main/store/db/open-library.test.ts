import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { openTempLibrary, tempDir } from '../testing/temp-library';
import { MIGRATIONS, type Migration } from './migrations';
import { listBackups } from './open-library';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function code(open: () => unknown): string {
  try {
    open();
    return 'opened';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('openLibrary', () => {
  it('creates the schema with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const library = openTempLibrary(dir);
    const { sqlite } = library.store;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const rows = sqlite.prepare('select id, checksum from schema_migrations').all();
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(listBackups(library.backupsDir)).toEqual([]); // nothing to back up in a new library
    library.close();
    const again = openTempLibrary(dir);
    again.close();
  });

  it('backs up before migrating an existing library', () => {
    const first = openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 1) });
    first.close();
    const second = openTempLibrary(dir);
    expect(listBackups(second.backupsDir)).toHaveLength(1);
    second.close();
  });

  it('refuses a database written by a newer app, changing nothing', () => {
    const extra: Migration = {
      id: '9999_future',
      up: () => [sql`create table future (x integer)`],
    };
    openTempLibrary(dir, { migrations: [...MIGRATIONS, extra] }).close();
    expect(code(() => openTempLibrary(dir))).toBe('INCOMPATIBLE');
  });

  it('refuses an applied migration whose SQL was edited', () => {
    openTempLibrary(dir).close();
    const edited: Migration[] = MIGRATIONS.map((m, i) =>
      i === 0
        ? {
            id: m.id,
            up: (db: Kysely<unknown>) => [...m.up(db), sql`create index extra on media (mime)`],
          }
        : m,
    );
    expect(code(() => openTempLibrary(dir, { migrations: edited }))).toBe('INCOMPATIBLE');
  });

  it('restores the newest backup when the integrity check fails, keeping the damaged file', async () => {
    const library = openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 1) });
    library.store.sqlite
      .prepare(
        "insert into brand_kits (id, name, created_at, updated_at) values ('k', 'Kit', 1, 1)",
      )
      .run();
    await library.backup('manual');
    const file = library.file;
    library.close();
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a)); // garbage over the header
    const reopened = openTempLibrary(dir);
    expect(reopened.recovered?.corruptFile).toContain('.corrupt-');
    expect(fs.existsSync(reopened.recovered!.corruptFile)).toBe(true);
    expect(reopened.store.sqlite.prepare('select name from brand_kits').get()).toEqual({
      name: 'Kit',
    });
    reopened.close();
  });

  it('refuses a damaged database with no backup, saying what to do', () => {
    const library = openTempLibrary(dir);
    const file = library.file;
    library.close();
    fs.writeFileSync(file, 'this is not a database at all, just text'.repeat(200));
    expect(() => openTempLibrary(dir)).toThrow(/damaged.*no backup/);
  });
});
