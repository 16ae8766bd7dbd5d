/**
 * Login throttling in the database (shared by every API instance): per account and per IP, a
 * fixed window of failures; past the limit, 429 with Retry-After until the block ends.
 */
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors';
import type { DbOrTrx } from '../db/database';

export interface ThrottlePolicy {
  maxFailures: number;
  windowSeconds: number;
}

export const LOGIN_PER_ACCOUNT: ThrottlePolicy = { maxFailures: 5, windowSeconds: 15 * 60 };
export const LOGIN_PER_IP: ThrottlePolicy = { maxFailures: 30, windowSeconds: 15 * 60 };

/** Throws 429 when any of `keys` is blocked. */
export async function assertNotThrottled(db: DbOrTrx, keys: string[]): Promise<void> {
  const rows = await db
    .selectFrom('throttles')
    .select(['blocked_until'])
    .where('key', 'in', keys)
    .where('blocked_until', '>', new Date())
    .execute();
  const until = Math.max(0, ...rows.map((r) => r.blocked_until?.getTime() ?? 0));
  if (until > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    throw new AppError('RATE_LIMITED', 'Too many attempts; try again later.', {
      details: { retryAfterSeconds },
    });
  }
}

/** Counts one failure against `key`. */
export async function recordFailure(
  db: DbOrTrx,
  key: string,
  policy: ThrottlePolicy,
): Promise<void> {
  const window = `${policy.windowSeconds} seconds`;
  await sql`
    insert into throttles as t (key, failures, window_started_at, blocked_until)
    values (${key}, 1, now(), null)
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - ${window}::interval then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - ${window}::interval then now() else t.window_started_at end,
      blocked_until = case
        when t.window_started_at >= now() - ${window}::interval and t.failures + 1 >= ${policy.maxFailures}
        then now() + ${window}::interval else t.blocked_until end`.execute(db);
}

export async function clearFailures(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}
