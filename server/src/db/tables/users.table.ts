/** Accounts, their email tokens, sessions and refresh tokens. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  username: string;
  password_hash: string;
  email_verified_at: ColumnType<
    Date | null,
    Date | string | null | undefined,
    Date | string | null
  >;
  avatar_upload_id: string | null;
  balance: Generated<number>;
  storage_bytes: ColumnType<string | number, number | undefined, number>;
  created_at: Generated<Date>;
}

export interface EmailTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'verify' | 'reset';
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  client: 'desktop' | 'web' | 'script';
  created_at: Generated<Date>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | string | null>;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | string | null>;
}

export interface RequestNoncesTable {
  session_id: string;
  nonce: string;
  created_at: Generated<Date>;
}

export interface ThrottlesTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  blocked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CreditEntriesTable {
  /** bigserial: parsed to a number by the pg driver (see db/connect.ts). */
  id: Generated<number>;
  user_id: string;
  delta: number;
  reason: string;
  idempotency_key: string;
  balance_after: number;
  created_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  created_at: Generated<Date>;
}
