/**
 * `outbox`: changes waiting to be sent to the sync API, written in the same transaction as
 * the change itself so nothing is sent that was not committed (and nothing committed is lost).
 */
import type { Generated, Selectable } from 'kysely';

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  payload_json: string;
  idempotency_key: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

export type OutboxRow = Selectable<OutboxTable>;
