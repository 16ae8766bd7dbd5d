/**
 * The browser shell's per-launch token (like Jupyter's URL token).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'reelsmith_token';

export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Where a request presented the token: query, then Authorization header, then cookie. */
export function presentedToken(
  request: IncomingMessage,
  url: URL,
): { token: string | null; fromQuery: boolean } {
  const query = url.searchParams.get('token');
  if (query) return { token: query, fromQuery: true };
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice('Bearer '.length), fromQuery: false };
  return { token: cookieValue(request.headers.cookie, TOKEN_COOKIE), fromQuery: false };
}
