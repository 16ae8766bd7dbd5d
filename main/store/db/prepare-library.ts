/**
 * Gets the library database ready before the services open it: integrity check (restoring the
 * newest backup if it fails), and when migrations are pending, a backup with better-sqlite3's
 * `backup()`, the migrations, and a `quick_check` of the result.
 *
 * Asynchronous because `backup()` is; every entry point (CLI commands, the Electron shell, the
 * browser shell through `reelsmith serve`) awaits it before the synchronous `createServices`,
 * which then finds nothing pending. Backups live in `<data folder>/backups/`, newest
 * `BACKUPS_KEPT` kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../../shared/errors';
import { ensureDataDir } from '../../config/data-dir';
import { DataDirLock } from '../../config/data-dir-lock';
import type { Logger } from '../../rpc/router';
import type { Database } from './database';
import { hasUserTables, migrate, pendingMigrations } from './migrator';
import { MIGRATIONS, type Migration } from './migrations';
import {
  backupsDirOf,
  connectChecked,
  LIBRARY_FILE_NAME,
  moveAside,
  newBackupFile,
  pruneBackups,
  quickCheck,
  type Library,
} from './open-library';

export interface PrepareLibraryOptions {
  log: Logger;
  /** Overridable for tests. */
  migrations?: readonly Migration[];
  /**
   * Hold the data-folder lock meanwhile, shown to others as this (e.g. "command line"); without
   * it the caller holds the lock or knows nobody else uses the folder.
   */
  lockAs?: string;
  /** The check run after migrating (default `quick_check`); overridable for tests. */
  check?: (sqlite: SqliteDatabase.Database) => string;
}

export interface PreparedLibrary {
  file: string;
  /** Migrations applied now. */
  applied: string[];
  /** The backup taken before migrating (null: nothing pending, or a new empty library). */
  backup: string | null;
  /** Set when the database was damaged and the newest backup was restored. */
  recovered: Library['recovered'];
  /** What the user should be told (recovery), one sentence each. */
  notices: string[];
}

/** Checks, backs up and migrates the library of `dataDir`; see the module comment. */
export async function prepareLibrary(
  dataDir: string,
  options: PrepareLibraryOptions,
): Promise<PreparedLibrary> {
  const lock = options.lockAs
    ? DataDirLock.acquire(ensureDataDir(dataDir), { kind: options.lockAs })
    : null;
  try {
    return await prepareUnlocked(dataDir, options);
  } finally {
    lock?.release();
  }
}

async function prepareUnlocked(
  dataDir: string,
  options: PrepareLibraryOptions,
): Promise<PreparedLibrary> {
  const { log } = options;
  const file = path.join(dataDir, LIBRARY_FILE_NAME);
  const backupsDir = backupsDirOf(file);
  const { sqlite, recovered } = connectChecked(file, log);
  const notices = recovered
    ? [
        `The library database was damaged; it was kept as ${recovered.corruptFile} and the newest backup (${recovered.restoredFrom}) was restored. Changes made after that backup are not in it.`,
      ]
    : [];
  try {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrations = options.migrations ?? MIGRATIONS;
    if (pendingMigrations(sqlite, db, migrations).length === 0) {
      return { file, applied: [], backup: null, recovered, notices };
    }
    let backup: string | null = null;
    if (hasUserTables(sqlite)) {
      backup = newBackupFile(backupsDir, 'before-migration');
      await sqlite.backup(backup);
      pruneBackups(backupsDir);
    }
    const taken = backup;
    const result = migrate(sqlite, db, migrations, {
      backup: () => {
        if (taken === null) throw new Error('prepareLibrary: no backup taken');
        return taken;
      },
    });
    const check = (options.check ?? quickCheck)(sqlite);
    if (check !== 'ok') {
      sqlite.close();
      throw afterMigrationFailure(file, check, taken);
    }
    log.info(`library: applied ${result.applied.join(', ')}${taken ? ` (backup ${taken})` : ''}`);
    return { file, applied: result.applied, backup: taken, recovered, notices };
  } finally {
    if (sqlite.open) sqlite.close();
  }
}

/** Puts the pre-migration backup back and says so; the migrated file is kept aside. */
function afterMigrationFailure(file: string, problem: string, backup: string | null): AppError {
  if (backup === null) {
    return new AppError(
      'CORRUPT',
      `The library database ${file} failed its integrity check after migrating (${problem}). It was new, so nothing was lost: delete it and start again.`,
      { details: { file, problem } },
    );
  }
  const aside = moveAside(file, `failed-migration-${Date.now()}`);
  fs.copyFileSync(backup, file);
  return new AppError(
    'CORRUPT',
    `The library database failed its integrity check after migrating (${problem}). The backup taken just before (${backup}) was restored; the migrated file is kept as ${aside}. This Reelsmith cannot use the library: please report this.`,
    { details: { file, problem, backup, aside } },
  );
}
