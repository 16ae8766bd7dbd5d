/**
 * Opens the library database: pragmas, integrity check, recovery, migrations.
 *
 * `journal_mode=WAL` lets readers run while a write commits; `synchronous=FULL` makes each
 * acknowledged commit survive power loss, not only a crash; `foreign_keys` is per connection
 * in SQLite and off by default. A failing `quick_check` moves the damaged file aside (never
 * deletes it) and restores the newest backup, or refuses with the way out if there is none.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../rpc/router';
import type { Database } from './database';
import { migrate } from './migrator';
import { MIGRATIONS, type Migration } from './migrations';
import { Store } from './store';

export const LIBRARY_FILE_NAME = 'library.sqlite';
const BUSY_TIMEOUT_MS = 5000;
/** Backups kept in `<data folder>/backups/` (older ones are deleted). */
export const BACKUPS_KEPT = 5;

export interface OpenLibraryOptions {
  /** The database file. */
  file: string;
  log: Logger;
  /** Overridable for migration tests. */
  migrations?: readonly Migration[];
  /** What to do when the integrity check fails (default: restore the newest backup). */
  onCorrupt?: 'restore-backup' | 'refuse';
}

export interface Library {
  readonly store: Store;
  readonly file: string;
  readonly backupsDir: string;
  /** Set when the database was damaged at open and a backup was restored. */
  readonly recovered: { corruptFile: string; restoredFrom: string } | null;
  /** Takes a consistent online backup (better-sqlite3 `backup()`); returns its path. */
  backup(reason: string): Promise<string>;
  close(): void;
}

function connect(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** `quick_check` result, or the error that stopped it (e.g. "file is not a database"). */
export function quickCheck(sqlite: SqliteDatabase.Database): string {
  try {
    return String(sqlite.pragma('quick_check', { simple: true }));
  } catch (error) {
    return (error as Error).message;
  }
}

/** Backups of this database, newest first. */
export function listBackups(backupsDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(backupsDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((n) => path.join(backupsDir, n));
}

/** Moves the database (and its -wal/-shm) aside under `<file>.<suffix>`; returns that name. */
export function moveAside(file: string, suffix: string): string {
  const aside = `${file}.${suffix}`;
  for (const extra of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + extra)) fs.renameSync(file + extra, aside + extra);
  }
  return aside;
}

function tryConnect(file: string): { sqlite: SqliteDatabase.Database | null; problem: string } {
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = connect(file);
  } catch (error) {
    return { sqlite: null, problem: (error as Error).message };
  }
  const result = quickCheck(sqlite);
  if (result === 'ok') return { sqlite, problem: '' };
  sqlite.close();
  return { sqlite: null, problem: result };
}

/** `backups/` beside the database file. */
export function backupsDirOf(file: string): string {
  return path.join(path.dirname(file), 'backups');
}

/** A new, unused backup file name in `backupsDir` (the folder is created). */
export function newBackupFile(backupsDir: string, reason: string): string {
  fs.mkdirSync(backupsDir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(backupsDir, `library-${stamp}-${reason.replace(/[^\w-]/g, '_')}.sqlite`);
}

/** Keeps the newest `BACKUPS_KEPT` backups. */
export function pruneBackups(backupsDir: string): void {
  for (const old of listBackups(backupsDir).slice(BACKUPS_KEPT)) fs.rmSync(old, { force: true });
}

/**
 * Connects with the pragmas and runs `quick_check`; a damaged file is moved aside and the
 * newest backup restored (or, with `onCorrupt: 'refuse'` or no backup, a CORRUPT error says
 * what to do).
 */
export function connectChecked(
  file: string,
  log: Logger,
  onCorrupt: OpenLibraryOptions['onCorrupt'] = 'restore-backup',
): { sqlite: SqliteDatabase.Database; recovered: Library['recovered'] } {
  const backupsDir = backupsDirOf(file);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let { sqlite, problem } = tryConnect(file);
  if (sqlite) return { sqlite, recovered: null };
  const newest = listBackups(backupsDir)[0];
  if (onCorrupt === 'refuse' || newest === undefined) {
    throw new AppError(
      'CORRUPT',
      `The library database ${file} is damaged (${problem}). ${
        newest === undefined
          ? 'There is no backup to restore: move the file aside to start an empty library, or restore a copy from your own backups.'
          : `Restore the newest backup (${newest}) by copying it over the file.`
      }`,
      { details: { file, problem, backups: listBackups(backupsDir) } },
    );
  }
  const corruptFile = moveAside(file, `corrupt-${Date.now()}`);
  fs.copyFileSync(newest, file);
  log.warn(`library: ${file} was damaged (${problem}); kept as ${corruptFile}, restored ${newest}`);
  ({ sqlite, problem } = tryConnect(file));
  if (!sqlite) throw new AppError('CORRUPT', `The backup ${newest} is damaged too (${problem}).`);
  return { sqlite, recovered: { corruptFile, restoredFrom: newest } };
}

/**
 * Opens (creating if needed), checks, recovers and migrates the library database, synchronously.
 *
 * Entry points run `prepareLibrary` first, which backs up with better-sqlite3's `backup()` and
 * migrates, so here nothing is pending. When something is (a caller that skipped it: tests,
 * tools), the pre-migration backup is written with `VACUUM INTO`, also a transactionally
 * consistent copy, because this path cannot await.
 */
export function openLibrary(options: OpenLibraryOptions): Library {
  const { file, log } = options;
  const backupsDir = backupsDirOf(file);
  const { sqlite: connection, recovered } = connectChecked(file, log, options.onCorrupt);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  try {
    const result = migrate(connection, db, options.migrations ?? MIGRATIONS, {
      backup: () => {
        log.warn('library: migrating without prepareLibrary; backing up with VACUUM INTO');
        const target = newBackupFile(backupsDir, 'before-migration');
        connection.prepare('vacuum into ?').run(target);
        pruneBackups(backupsDir);
        return target;
      },
    });
    if (result.applied.length > 0) {
      log.info(
        `library: applied ${result.applied.join(', ')}${result.backup ? ` (backup ${result.backup})` : ''}`,
      );
    }
  } catch (error) {
    connection.close();
    throw error;
  }
  return {
    store: new Store(connection, db),
    file,
    backupsDir,
    recovered,
    async backup(reason) {
      const target = newBackupFile(backupsDir, reason);
      await connection.backup(target);
      pruneBackups(backupsDir);
      return target;
    },
    close: () => {
      if (connection.open) connection.close();
    },
  };
}
