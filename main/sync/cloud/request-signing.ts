/**
 * Client side of desktop request signing (server/src/auth/signing.ts): every mutating request of
 * a desktop session carries a timestamp, a fresh nonce and an HMAC over method, path, both and
 * the body's sha256.
 */
import { randomBytes } from 'node:crypto';
import { canonicalRequest, signRequest } from '../../../server/src/auth/signing';

export function signatureHeaders(
  signingKey: string,
  method: string,
  pathWithQuery: string,
  body: Uint8Array,
  nowMs = Date.now(),
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = randomBytes(18).toString('base64url');
  return {
    'x-reelsmith-timestamp': timestamp,
    'x-reelsmith-nonce': nonce,
    'x-reelsmith-signature': signRequest(
      signingKey,
      canonicalRequest(method, pathWithQuery, timestamp, nonce, body),
    ),
  };
}
