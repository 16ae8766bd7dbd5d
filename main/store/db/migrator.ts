/**
 * Runs the static migration list against the library database.
 *
 * Each applied migration is recorded with the checksum of the SQL it issues (obtained by running
 * it against kysely's DummyDriver, so the checksum survives bundling and minification). A
 * database that lists a migration this app does not know is newer than the app and is refused;
 * a recorded checksum that no longer matches means a released migration was edited, also
 * refused. Before any pending migration runs on an existing database, a backup is taken.
 */
import { createHash } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { AppError } from '../../../shared/errors';
import type { Database } from './database';
import type { Migration } from './migrations';

export interface MigrateResult {
  applied: string[];
  /** The backup taken before migrating, if any. */
  backup: string | null;
}

export interface MigrateOptions {
  /** Called before the first pending migration runs on a non-empty database. */
  backup: () => Promise<string>;
}

/** The checksum of one migration: sha256 of the SQL statements it issues, in order. */
export async function migrationChecksum(migration: Migration): Promise<string> {
  const statements: string[] = [];
  const dry = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    log: (event) => {
      statements.push(`${event.query.sql}\n${JSON.stringify(event.query.parameters)}`);
    },
  });
  await migration.up(dry);
  await dry.destroy();
  return createHash('sha256').update(statements.join('\n;\n')).digest('hex');
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

function hasUserTables(sqlite: SqliteDatabase.Database): boolean {
  return (
    sqlite
      .prepare("select 1 from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .get() !== undefined
  );
}

/** Applies pending migrations in order, each in its own transaction. */
export async function migrate(
  sqlite: SqliteDatabase.Database,
  db: Kysely<Database>,
  migrations: readonly Migration[],
  options: MigrateOptions,
): Promise<MigrateResult> {
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
    if (migration && (await migrationChecksum(migration)) !== row.checksum) {
      throw new AppError(
        'INCOMPATIBLE',
        `Migration ${row.id} differs from the one that was applied to this library (checksum mismatch). A released migration was edited; refusing to continue.`,
        { details: { migration: row.id } },
      );
    }
  }
  const done = new Set(applied.map((r) => r.id));
  const pending = migrations.filter((m) => !done.has(m.id));
  if (pending.length === 0) return { applied: [], backup: null };

  const backup = hasUserTables(sqlite) ? await options.backup() : null;
  if (applied.length === 0) {
    await db.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('checksum', 'text', (c) => c.notNull())
      .addColumn('applied_at', 'integer', (c) => c.notNull())
      .execute();
  }
  for (const migration of pending) {
    const checksum = await migrationChecksum(migration);
    await db.transaction().execute(async (trx) => {
      await migration.up(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ id: migration.id, checksum, applied_at: Date.now() })
        .execute();
    });
  }
  sqlite.pragma(`user_version = ${migrations.length}`);
  return { applied: pending.map((m) => m.id), backup };
}
