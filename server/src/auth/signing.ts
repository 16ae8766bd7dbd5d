/**
 * Request signing for desktop sessions (README "Sync API"): every mutating request carries
 * `X-Reelsmith-Timestamp`, `X-Reelsmith-Nonce` and `X-Reelsmith-Signature` =
 * hex HMAC-SHA256(signingKey, METHOD \n path?query \n timestamp \n nonce \n hex sha256(body)).
 */
import { AppError } from '../../../shared/errors';
import type { DbOrTrx } from '../db/database';
import { hmacHex, safeEqual, sha256Hex, signingKeyFor } from './tokens';

export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignedRequest {
  method: string;
  pathWithQuery: string;
  body: Uint8Array;
  headers: { get(name: string): string | null | undefined };
}

/** The string a client signs; exported for clients and tests. */
export function canonicalRequest(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: Uint8Array,
): string {
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, sha256Hex(body)].join('\n');
}

export function signRequest(key: string, canonical: string): string {
  return hmacHex(key, canonical);
}

/** Throws 401 unless the request is signed with the session's key, fresh, and not replayed. */
export async function verifySignedRequest(
  db: DbOrTrx,
  secret: string,
  sessionId: string,
  request: SignedRequest,
  nowSeconds: number,
): Promise<void> {
  const timestamp = request.headers.get('x-reelsmith-timestamp') ?? '';
  const nonce = request.headers.get('x-reelsmith-nonce') ?? '';
  const signature = request.headers.get('x-reelsmith-signature') ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !/^[A-Za-z0-9_-]{16,128}$/.test(nonce) || !signature) {
    throw new AppError(
      'UNAUTHORIZED',
      'This session must sign its requests (X-Reelsmith-* headers).',
    );
  }
  if (Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    throw new AppError('UNAUTHORIZED', 'The request signature is outside the 300 s window.');
  }
  const expected = signRequest(
    signingKeyFor(secret, sessionId),
    canonicalRequest(request.method, request.pathWithQuery, timestamp, nonce, request.body),
  );
  if (!safeEqual(signature.toLowerCase(), expected)) {
    throw new AppError('UNAUTHORIZED', 'The request signature does not match.');
  }
  const inserted = await db
    .insertInto('request_nonces')
    .values({ session_id: sessionId, nonce })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (inserted.numInsertedOrUpdatedRows === 0n) {
    throw new AppError('UNAUTHORIZED', 'This request nonce was already used.');
  }
}

/** Forgets nonces older than the window (they can no longer pass the timestamp check). */
export async function pruneNonces(db: DbOrTrx): Promise<void> {
  await db
    .deleteFrom('request_nonces')
    .where('created_at', '<', new Date(Date.now() - 2 * SIGNATURE_WINDOW_SECONDS * 1000))
    .execute();
}
