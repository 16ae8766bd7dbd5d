/**
 * Opens the database: PostgreSQL at `DATABASE_URL`, else an embedded PGlite (in a folder, or in
 * memory for tests), then migrates it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db } from './database';
import { migrateToLatest, migrationState } from './migrator';
import { PGliteDialect } from './pglite-dialect';

// int8 (bigint, count(*), sum()) as a JS number: our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface DatabaseConfig {
  /** postgres://... ; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite's data folder; `memory://` for a throw-away database. */
  pgliteDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number | undefined;
}

export interface OpenDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  let db: Db;
  let kind: OpenDatabase['kind'];
  if (config.url) {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const dir = config.pgliteDir ?? 'memory://';
    if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
    const pglite = new PGlite(dir);
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    kind = 'pglite';
    if (!dir.startsWith('memory://')) await backupBeforeMigrating(db, pglite, dir);
  }
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, close: () => db.destroy() };
}

/**
 * Embedded databases are backed up (a gzipped tarball beside the folder) before a migration
 * changes them; PostgreSQL operators back up with their own tools (pg_dump, snapshots).
 */
async function backupBeforeMigrating(
  db: Db,
  pglite: { dumpDataDir(compression?: 'gzip' | 'none' | 'auto'): Promise<Blob> },
  dir: string,
): Promise<void> {
  const state = await migrationState(db);
  if (state.applied === 0 || state.pending.length === 0) return;
  const dump = await pglite.dumpDataDir('gzip');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.join(path.dirname(dir), `pglite-backup-${stamp}.tar.gz`);
  fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
}
