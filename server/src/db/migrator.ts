/**
 * Runs the pending migrations, each in its own transaction, under an advisory lock so that many
 * API instances starting together migrate once.
 *
 * Refuses a database that ran a migration this build does not know (a newer app migrated it) or
 * whose recorded checksum differs from this build's (a released migration was edited).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/errors';
import { migrations as defaultMigrations, type Migration } from './migrations/index';

/** Lock id for pg_advisory_xact_lock: "reelsmith" in ASCII, truncated to an int8. */
const MIGRATION_LOCK = 0x7265656c736d6974n;

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join('\n;\n')).digest('hex');
}

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs before the schema exists
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>> = defaultMigrations,
): Promise<MigrationReport> {
  await sql`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const names = Object.keys(migrations).sort();
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK.toString()}::bigint)`.execute(trx);
    const done = await sql<{ name: string; checksum: string }>`
      select name, checksum from schema_migrations order by name`.execute(trx);
    for (const row of done.rows) {
      const known = migrations[row.name];
      if (!known) {
        throw new AppError(
          'INCOMPATIBLE',
          `The database was migrated by a newer Reelsmith API (${row.name}); upgrade this server.`,
        );
      }
      if (checksumOf(known) !== row.checksum) {
        throw new AppError('INCOMPATIBLE', `Migration ${row.name} was edited after it ran.`);
      }
    }
    const doneNames = new Set(done.rows.map((r) => r.name));
    for (const name of names) {
      if (doneNames.has(name)) continue;
      const migration = migrations[name];
      if (!migration) continue;
      await migration.up(trx);
      await sql`insert into schema_migrations (name, checksum) values (${name}, ${checksumOf(migration)})`.execute(
        trx,
      );
      applied.push(name);
    }
  });
  return { applied };
}

/** How many migrations this database has run, and which of ours it has not. */
export async function migrationState(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs before the schema exists
  db: Kysely<any>,
  migrations: Readonly<Record<string, Migration>> = defaultMigrations,
): Promise<{ applied: number; pending: string[] }> {
  const exists = await sql<{
    t: string | null;
  }>`select to_regclass('schema_migrations')::text as t`.execute(db);
  const done = exists.rows[0]?.t
    ? (await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map(
        (r) => r.name,
      )
    : [];
  return {
    applied: done.length,
    pending: Object.keys(migrations).filter((name) => !done.includes(name)),
  };
}
