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

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('openLibrary', () => {
  it('creates the schema with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const library = await openTempLibrary(dir);
    const { sqlite } = library.store;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const rows = sqlite.prepare('select id, checksum from schema_migrations').all();
    expect(rows).toHaveLength(MIGRATIONS.length);
    expect(listBackups(library.backupsDir)).toEqual([]); // nothing to back up in a new library
    library.close();
    const again = await openTempLibrary(dir);
    again.close();
  });

  it('backs up before migrating an existing library', async () => {
    const first = await openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 1) });
    first.close();
    const second = await openTempLibrary(dir);
    expect(listBackups(second.backupsDir)).toHaveLength(1);
    second.close();
  });

  it('refuses a database written by a newer app, changing nothing', async () => {
    const extra: Migration = {
      id: '9999_future',
      up: async (db: Kysely<unknown>) => {
        await sql`create table future (x integer)`.execute(db);
      },
    };
    (await openTempLibrary(dir, { migrations: [...MIGRATIONS, extra] })).close();
    expect(await code(openTempLibrary(dir))).toBe('INCOMPATIBLE');
  });

  it('refuses an applied migration whose SQL was edited', async () => {
    (await openTempLibrary(dir)).close();
    const edited: Migration[] = MIGRATIONS.map((m, i) =>
      i === 0
        ? {
            id: m.id,
            up: async (db: Kysely<unknown>) => {
              await m.up(db);
              await sql`create index extra on media (mime)`.execute(db);
            },
          }
        : m,
    );
    expect(await code(openTempLibrary(dir, { migrations: edited }))).toBe('INCOMPATIBLE');
  });

  it('restores the newest backup when the integrity check fails, keeping the damaged file', async () => {
    const library = await openTempLibrary(dir, { migrations: MIGRATIONS.slice(0, 1) });
    library.store.sqlite
      .prepare(
        "insert into brand_kits (id, name, created_at, updated_at) values ('k', 'Kit', 1, 1)",
      )
      .run();
    await library.backup('manual');
    const file = library.file;
    library.close();
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a)); // garbage over the header
    const reopened = await openTempLibrary(dir);
    expect(reopened.recovered?.corruptFile).toContain('.corrupt-');
    expect(fs.existsSync(reopened.recovered!.corruptFile)).toBe(true);
    expect(reopened.store.sqlite.prepare('select name from brand_kits').get()).toEqual({
      name: 'Kit',
    });
    reopened.close();
  });

  it('refuses a damaged database with no backup, saying what to do', async () => {
    const library = await openTempLibrary(dir);
    const file = library.file;
    library.close();
    fs.writeFileSync(file, 'this is not a database at all, just text'.repeat(200));
    await expect(openTempLibrary(dir)).rejects.toThrow(/damaged.*no backup/);
  });
});
