/**
 * Token formats. Access tokens are stateless (HMAC over session id and expiry; the session row is
 * still checked, so revocation is immediate). Refresh, email and other secrets are random and
 * stored only as sha256 hashes.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function issueAccessToken(secret: string, sessionId: string, nowSeconds: number): string {
  const payload = `${sessionId}.${nowSeconds + ACCESS_TOKEN_SECONDS}`;
  return `at.${payload}.${hmacHex(secret, `access:${payload}`)}`;
}

/** The session id of a valid, unexpired access token, else null. */
export function readAccessToken(secret: string, token: string, nowSeconds: number): string | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'at') return null;
  const [, sessionId = '', exp = '', mac = ''] = parts;
  if (!safeEqual(mac, hmacHex(secret, `access:${sessionId}.${exp}`))) return null;
  if (!(Number(exp) > nowSeconds)) return null;
  return /^[0-9a-f-]{36}$/.test(sessionId) ? sessionId : null;
}

/** The per-session request-signing key of a desktop session: derived, never stored. */
export function signingKeyFor(secret: string, sessionId: string): string {
  return hmacHex(secret, `signing-key:${sessionId}`);
}
