/**
 * Migration 0001 on an empty database: the schema, the data rules it enforces, the feed's query
 * plan, and the runner's refusals (edited migration, database newer than the app).
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrateToLatest, migrationState } from '../migrator';
import { PGliteDialect } from '../pglite-dialect';
import { migrations } from './index';

let db: Kysely<Database>;
beforeAll(() => {
  db = new Kysely<Database>({ dialect: new PGliteDialect(new PGlite('memory://')) });
});
afterAll(async () => {
  await db.destroy();
});

describe('0001_initial', () => {
  it('creates the schema and records its checksum; running again does nothing', async () => {
    expect((await migrateToLatest(db)).applied).toEqual(['0001_initial']);
    expect((await migrateToLatest(db)).applied).toEqual([]);
    expect(await migrationState(db)).toEqual({ applied: 1, pending: [] });
    const tables = await sql<{ tablename: string }>`
      select tablename from pg_tables where schemaname = 'public' order by tablename`.execute(db);
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        'users',
        'credit_entries',
        'uploads',
        'upload_parts',
        'videos',
        'reactions',
        'video_views',
      ]),
    );
  });

  it('keeps balances and counters from going negative and keys unique', async () => {
    const user = await db
      .insertInto('users')
      .values({ email: 'm@example.com', username: 'm', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable('users').set({ balance: -1 }).where('id', '=', user.id).execute(),
    ).rejects.toThrow(/check/i);
    const entry = {
      user_id: user.id,
      delta: 1,
      reason: 'r',
      idempotency_key: 'k',
      balance_after: 1,
    };
    await db.insertInto('credit_entries').values(entry).execute();
    await expect(db.insertInto('credit_entries').values(entry).execute()).rejects.toThrow(
      /unique|duplicate/i,
    );
    await expect(
      db
        .insertInto('users')
        .values({ email: 'n@example.com', username: 'M', password_hash: 'x' })
        .execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('serves the feed from the partial videos_feed index', async () => {
    await sql`set enable_seqscan = off`.execute(db);
    const plan = await sql<{ 'QUERY PLAN': string }>`
      explain select id from videos
      where status = 'ready' and visibility = 'public' and deleted_at is null
        and (ranking_score, id) < (1e9, '00000000-0000-0000-0000-000000000000'::uuid)
      order by ranking_score desc, id desc limit 20`.execute(db);
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('videos_feed');
    await sql`reset enable_seqscan`.execute(db);
  });

  it('scores engagement logarithmically and recency linearly', async () => {
    const score = async (likes: number, views: number, at: string) =>
      (
        await sql<{
          s: number;
        }>`select reelsmith_rank(${likes}, 0, ${views}, ${at}::timestamptz) as s`.execute(db)
      ).rows[0]?.s;
    expect(await score(0, 0, '2026-01-01T00:00:00Z')).toBe(0);
    expect(await score(9, 0, '2026-01-01T00:00:00Z')).toBeCloseTo(1);
    expect(await score(0, 90, '2026-01-01T00:00:00Z')).toBeCloseTo(1);
    expect(await score(0, 0, '2026-01-01T12:30:00Z')).toBeCloseTo(1);
  });

  it('refuses an edited migration and a database migrated by a newer app', async () => {
    const edited = { '0001_initial': { ...migrations['0001_initial']!, statements: ['select 1'] } };
    await expect(migrateToLatest(db, edited)).rejects.toThrow(/edited/);
    await sql`insert into schema_migrations (name, checksum) values ('9999_future', 'x')`.execute(
      db,
    );
    await expect(migrateToLatest(db)).rejects.toThrow(/newer/);
  });
});
