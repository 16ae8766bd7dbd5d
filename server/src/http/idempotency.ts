/**
 * Idempotency-Key semantics: the first request with a key runs and its answer is stored; a replay
 * with the same body gets that answer again, with a different body 422, while the first is still
 * running 409.
 */
import { AppError } from '../../../shared/errors';
import { sha256Hex } from '../auth/tokens';
import type { Db } from '../db/database';

export interface StoredResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

export async function runIdempotent(
  db: Db,
  userId: string,
  key: string,
  method: string,
  path: string,
  raw: Uint8Array,
  run: () => Promise<{ status: number; body: unknown }>,
): Promise<StoredResult> {
  const requestHash = sha256Hex(`${method}\n${path}\n${sha256Hex(raw)}`);
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: requestHash, status_code: null, response: null })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (claimed.numInsertedOrUpdatedRows === 0n) {
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'response'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) throw new AppError('CONFLICT', 'Retry this request.', { retryable: true });
    if (row.request_hash !== requestHash) {
      throw new AppError(
        'UNPROCESSABLE',
        'This Idempotency-Key was used with a different request.',
      );
    }
    if (row.status_code === null) {
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still running.', {
        retryable: true,
      });
    }
    return { status: row.status_code, body: row.response, replayed: true };
  }
  try {
    const result = await run();
    await db
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response: JSON.stringify(result.body) })
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  } catch (error) {
    await db
      .deleteFrom('idempotency_keys')
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute();
    throw error;
  }
}
