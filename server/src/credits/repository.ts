/**
 * The credits ledger. Every change is one `credit_entries` row with a unique idempotency key and
 * the balance after it; `users.balance` (CHECK >= 0) is updated in the same transaction, with the
 * charge conditional on the balance, so concurrent charges can never overdraw.
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/database';

export interface LedgerEntry {
  id: string;
  delta: number;
  reason: string;
  balanceAfter: number;
  createdAt: string;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

async function entryByKey(db: Db, key: string): Promise<LedgerEntry | undefined> {
  const row = await db
    .selectFrom('credit_entries')
    .select(['id', 'delta', 'reason', 'balance_after', 'created_at'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return (
    row && {
      id: String(row.id),
      delta: row.delta,
      reason: row.reason,
      balanceAfter: row.balance_after,
      createdAt: row.created_at.toISOString(),
    }
  );
}

/**
 * Applies `delta` (negative: a charge) once per `idempotencyKey`; a repeat answers the first
 * entry. A charge larger than the balance throws PAYMENT_REQUIRED.
 */
export async function applyCredits(
  db: Db,
  userId: string,
  delta: number,
  reason: string,
  idempotencyKey: string,
): Promise<LedgerEntry & { replayed: boolean }> {
  const existing = await entryByKey(db, idempotencyKey);
  if (existing) return { ...existing, replayed: true };
  try {
    const entry = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('users')
        .set((eb) => ({ balance: eb('balance', '+', delta) }))
        .where('id', '=', userId)
        .where((eb) => (delta < 0 ? eb('balance', '>=', -delta) : eb.lit(true)))
        .returning('balance')
        .executeTakeFirst();
      if (!updated) throw new AppError('PAYMENT_REQUIRED', 'Not enough credits for this action.');
      return trx
        .insertInto('credit_entries')
        .values({
          user_id: userId,
          delta,
          reason,
          idempotency_key: idempotencyKey,
          balance_after: updated.balance,
        })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow()
        .then((row) => ({
          id: String(row.id),
          delta,
          reason,
          balanceAfter: updated.balance,
          createdAt: row.created_at.toISOString(),
        }));
    });
    return { ...entry, replayed: false };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const first = await entryByKey(db, idempotencyKey);
      if (first) return { ...first, replayed: true };
    }
    throw error;
  }
}

export async function balanceOf(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select('balance')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/** Ledger entries newest first, after the cursor (an entry id). */
export async function listEntries(
  db: Db,
  userId: string,
  limit: number,
  beforeId?: string,
): Promise<LedgerEntry[]> {
  let query = db
    .selectFrom('credit_entries')
    .select(['id', 'delta', 'reason', 'balance_after', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', Number(beforeId));
  const rows = await query.execute();
  return rows.map((row) => ({
    id: String(row.id),
    delta: row.delta,
    reason: row.reason,
    balanceAfter: row.balance_after,
    createdAt: row.created_at.toISOString(),
  }));
}
