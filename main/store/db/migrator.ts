/**
 * Runs the static migration list against the library database, synchronously.
 *
 * Each migration returns kysely statements; they are compiled, checksummed (sha256 of the SQL
 * and parameters, so the checksum is of exactly what runs and survives bundling), and applied
 * with the `schema_migrations` row in one transaction. A database that lists a migration this
 * app does not know is newer than the app and is refused; a recorded checksum that no longer
 * matches means a released migration was edited: refused too. Nothing is changed in either case.
 */
import { createHash } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import type { Database } from './database';
import type { Migration } from './migrations';

export interface MigrateResult {
  applied: string[];
  /** The backup taken before migrating, if any. */
  backup: string | null;
}

export interface MigrateOptions {
  /** Called before the first pending migration runs on a non-empty database; the backup's path. */
  backup: () => string;
}

/** The statements of a migration, compiled. */
export function compileMigration(migration: Migration, db: Kysely<Database>): CompiledQuery[] {
  // Builders ignore the argument; raw `sql` needs it to reach the compiler.
  return migration
    .up(db)
    .map((step) => (step as { compile(db: Kysely<Database>): CompiledQuery }).compile(db));
}

/** sha256 of a migration's SQL statements and parameters, in order. */
export function migrationChecksum(migration: Migration, db: Kysely<Database>): string {
  const text = compileMigration(migration, db)
    .map((q) => `${q.sql}\n${JSON.stringify(q.parameters)}`)
    .join('\n;\n');
  return createHash('sha256').update(text).digest('hex');
}

interface AppliedRow {
  id: string;
  checksum: string;
}

function appliedMigrations(sqlite: SqliteDatabase.Database): AppliedRow[] {
  const exists = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'")
    .get();
  if (!exists) return [];
  return sqlite
    .prepare('select id, checksum from schema_migrations order by id')
    .all() as AppliedRow[];
}

/** Whether the database holds anything (a new file needs no backup). */
export function hasUserTables(sqlite: SqliteDatabase.Database): boolean {
  return (
    sqlite
      .prepare("select 1 from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .get() !== undefined
  );
}

/**
 * The migrations not yet applied, in order.
 *
 * Refuses (INCOMPATIBLE, nothing changed) a database from a newer app or with an edited migration.
 */
export function pendingMigrations(
  sqlite: SqliteDatabase.Database,
  db: Kysely<Database>,
  migrations: readonly Migration[],
): Migration[] {
  const applied = appliedMigrations(sqlite);
  const known = new Map(migrations.map((m) => [m.id, m]));
  const unknown = applied.filter((row) => !known.has(row.id));
  if (unknown.length > 0) {
    throw new AppError(
      'INCOMPATIBLE',
      `This library was written by a newer Reelsmith (it has migration ${unknown.map((r) => r.id).join(', ')}). Update Reelsmith to open it; nothing was changed.`,
      { details: { unknownMigrations: unknown.map((r) => r.id) } },
    );
  }
  for (const row of applied) {
    const migration = known.get(row.id);
    if (migration && migrationChecksum(migration, db) !== row.checksum) {
      throw new AppError(
        'INCOMPATIBLE',
        `Migration ${row.id} differs from the one applied to this library (checksum mismatch): a released migration was edited. Refusing to continue; nothing was changed.`,
        { details: { migration: row.id } },
      );
    }
  }
  const done = new Set(applied.map((r) => r.id));
  return migrations.filter((m) => !done.has(m.id));
}

/** Applies pending migrations in order, each in its own transaction. */
export function migrate(
  sqlite: SqliteDatabase.Database,
  db: Kysely<Database>,
  migrations: readonly Migration[],
  options: MigrateOptions,
): MigrateResult {
  const pending = pendingMigrations(sqlite, db, migrations);
  if (pending.length === 0) return { applied: [], backup: null };

  const backup = hasUserTables(sqlite) ? options.backup() : null;
  sqlite.exec(
    'create table if not exists schema_migrations (id text primary key, checksum text not null, applied_at integer not null)',
  );
  const record = sqlite.prepare(
    'insert into schema_migrations (id, checksum, applied_at) values (?, ?, ?)',
  );
  for (const migration of pending) {
    const statements = compileMigration(migration, db);
    const checksum = migrationChecksum(migration, db);
    sqlite
      .transaction(() => {
        for (const statement of statements) {
          sqlite.prepare(statement.sql).run(...(statement.parameters as unknown[]));
        }
        record.run(migration.id, checksum, Date.now());
      })
      .immediate();
  }
  sqlite.pragma(`user_version = ${migrations.length}`);
  return { applied: pending.map((m) => m.id), backup };
}
