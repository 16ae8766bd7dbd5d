/**
 * Resolves `Authorization: Bearer <access token>` to the caller's live session.
 */
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/database';
import type { AuthContext } from '../deps';
import { readAccessToken } from './tokens';

export async function authenticate(
  db: Db,
  secret: string,
  header: string | undefined,
  nowSeconds: number,
): Promise<AuthContext | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const sessionId = match?.[1] ? readAccessToken(secret, match[1], nowSeconds) : null;
  if (!sessionId) throw new AppError('UNAUTHORIZED', 'The access token is invalid or expired.');
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'client'])
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!session) throw new AppError('UNAUTHORIZED', 'This session has ended; sign in again.');
  return { userId: session.user_id, sessionId: session.id, client: session.client };
}
