/**
 * Rows of accounts, sessions, refresh tokens and email tokens. Tokens are stored as sha256 hashes.
 */
import type { ClientKind } from '../../../shared/api/auth.api';
import type { DbOrTrx } from '../db/database';
import { REFRESH_TOKEN_SECONDS, randomToken, sha256Hex } from './tokens';

export async function userByEmail(db: DbOrTrx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function usernameTaken(
  db: DbOrTrx,
  username: string,
  exceptUserId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()));
  if (exceptUserId) query = query.where('id', '<>', exceptUserId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Creates an email token; answers the secret to put in the link. */
export async function createEmailToken(
  db: DbOrTrx,
  userId: string,
  purpose: 'verify' | 'reset',
  ttlSeconds: number,
): Promise<string> {
  const token = randomToken(purpose === 'verify' ? 'ev' : 'pr');
  await db
    .insertInto('email_tokens')
    .values({
      token_hash: sha256Hex(token),
      user_id: userId,
      purpose,
      expires_at: new Date(Date.now() + ttlSeconds * 1000),
    })
    .execute();
  return token;
}

/** Marks an unused, unexpired token used; answers its user, or undefined. */
export async function consumeEmailToken(db: DbOrTrx, token: string, purpose: 'verify' | 'reset') {
  return db
    .updateTable('email_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', sha256Hex(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst();
}

export async function createSession(
  db: DbOrTrx,
  userId: string,
  client: ClientKind,
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({ user_id: userId, client })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createRefreshToken(db: DbOrTrx, sessionId: string): Promise<string> {
  const token = randomToken('rt');
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: sha256Hex(token),
      session_id: sessionId,
      expires_at: new Date(Date.now() + REFRESH_TOKEN_SECONDS * 1000),
    })
    .execute();
  return token;
}

/** Locks a refresh token row with its session, for rotation. */
export async function lockRefreshToken(db: DbOrTrx, token: string) {
  return db
    .selectFrom('refresh_tokens as r')
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .select([
      'r.token_hash',
      'r.used_at',
      'r.expires_at',
      's.id as session_id',
      's.user_id',
      's.client',
      's.revoked_at',
    ])
    .where('r.token_hash', '=', sha256Hex(token))
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeSession(db: DbOrTrx, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(
  db: DbOrTrx,
  userId: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
