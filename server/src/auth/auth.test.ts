import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { canonicalRequest, signRequest } from './signing';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(async () => {
  await h.close();
});

function signedHeaders(key: string, method: string, path: string, body: string, offsetSeconds = 0) {
  const timestamp = String(Math.floor(Date.now() / 1000) + offsetSeconds);
  const nonce = randomBytes(16).toString('hex');
  const signature = signRequest(
    key,
    canonicalRequest(method, path, timestamp, nonce, Buffer.from(body)),
  );
  return {
    'x-reelsmith-timestamp': timestamp,
    'x-reelsmith-nonce': nonce,
    'x-reelsmith-signature': signature,
  };
}

describe('accounts', () => {
  it('signs up, verifies by the emailed link, logs in, and echoes X-Request-Id', async () => {
    const user = await h.user();
    const me = await h.call('GET', '/v1/me', {
      token: user.accessToken,
      headers: { 'x-request-id': 'req-123' },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-request-id')).toBe('req-123');
    expect(me.body).toMatchObject({ email: user.email, emailVerified: true, balance: 50 });
    const credits = await h.call('GET', '/v1/me/credits', { token: user.accessToken });
    expect(credits.body.entries).toEqual([
      expect.objectContaining({ delta: 50, reason: 'signup grant' }),
    ]);
    expect(h.outbox(user.email)[0]).toContain('http://127.0.0.1:9/verify-email?token=');
  });

  it('answers signup and forgot identically for known and unknown emails', async () => {
    const user = await h.user();
    const again = await h.call('POST', '/v1/auth/signup', {
      json: { email: user.email, password: 'another password 1', username: 'someone_new' },
    });
    const fresh = await h.call('POST', '/v1/auth/signup', {
      json: {
        email: 'brand.new@example.com',
        password: 'another password 1',
        username: 'someone_newer',
      },
    });
    expect(again.status).toBe(fresh.status);
    expect(again.body).toEqual(fresh.body);
    const f1 = await h.call('POST', '/v1/auth/password/forgot', { json: { email: user.email } });
    const f2 = await h.call('POST', '/v1/auth/password/forgot', {
      json: { email: 'nobody@example.com' },
    });
    expect(f1.status).toBe(200);
    expect(f1.body).toEqual(f2.body);
    const l1 = await h.call('POST', '/v1/auth/login', {
      json: { email: user.email, password: 'wrong password!' },
    });
    const l2 = await h.call('POST', '/v1/auth/login', {
      json: { email: 'nobody@example.com', password: 'wrong password!' },
    });
    expect(l1.status).toBe(401);
    expect(l1.body).toEqual(l2.body);
    expect(l1.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.any(String),
    });
  });

  it('refuses login before verification', async () => {
    const email = 'unverified@example.com';
    await h.call('POST', '/v1/auth/signup', {
      json: { email, password: 'long enough pw', username: 'unverified' },
    });
    const login = await h.call('POST', '/v1/auth/login', {
      json: { email, password: 'long enough pw' },
    });
    expect(login.status).toBe(403);
  });

  it('rotates refresh tokens and revokes the whole session when an old one is reused', async () => {
    const user = await h.user();
    const first = await h.call('POST', '/v1/auth/refresh', {
      json: { refreshToken: user.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const reuse = await h.call('POST', '/v1/auth/refresh', {
      json: { refreshToken: user.refreshToken },
    });
    expect(reuse.status).toBe(401);
    // The family is gone: the newest refresh token and its access token stop working too.
    const next = await h.call('POST', '/v1/auth/refresh', {
      json: { refreshToken: first.body.refreshToken },
    });
    expect(next.status).toBe(401);
    expect((await h.call('GET', '/v1/me', { token: first.body.accessToken })).status).toBe(401);
  });

  it('logs out, and a password reset ends every other session', async () => {
    const user = await h.user();
    const logout = await h.call('POST', '/v1/auth/logout', { token: user.accessToken });
    expect(logout.status).toBe(200);
    expect((await h.call('GET', '/v1/me', { token: user.accessToken })).status).toBe(401);

    const login = await h.call('POST', '/v1/auth/login', {
      json: { email: user.email, password: user.password },
    });
    await h.call('POST', '/v1/auth/password/forgot', { json: { email: user.email } });
    const token = await h.lastToken(user.email);
    const reset = await h.call('POST', '/v1/auth/password/reset', {
      json: { token, password: 'a brand new password' },
    });
    expect(reset.status).toBe(200);
    expect((await h.call('GET', '/v1/me', { token: login.body.accessToken })).status).toBe(401);
    const reused = await h.call('POST', '/v1/auth/password/reset', {
      json: { token, password: 'a brand new password' },
    });
    expect(reused.status).toBe(400);
    const relogin = await h.call('POST', '/v1/auth/login', {
      json: { email: user.email, password: 'a brand new password' },
    });
    expect(relogin.status).toBe(200);
  });

  it('throttles login per account with 429 and Retry-After', async () => {
    const user = await h.user();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const r = await h.call('POST', '/v1/auth/login', {
        json: { email: user.email, password: `wrong ${i} password` },
      });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    // Even the right password waits for the block to end.
    const right = await h.call('POST', '/v1/auth/login', {
      json: { email: user.email, password: user.password },
    });
    expect(right.status).toBe(429);
  }, 60_000);
});

describe('desktop request signing', () => {
  it('requires a fresh, unique signature on mutating requests of desktop sessions', async () => {
    const user = await h.user('desktop');
    expect(user.signingKey).toMatch(/^[0-9a-f]{64}$/);
    const key = user.signingKey ?? '';
    const body = JSON.stringify({ username: 'signed_name' });
    const unsigned = await h.call('PATCH', '/v1/me', { token: user.accessToken, raw: body });
    expect(unsigned.status).toBe(401);
    const headers = signedHeaders(key, 'PATCH', '/v1/me', body);
    const signed = await h.call('PATCH', '/v1/me', { token: user.accessToken, raw: body, headers });
    expect(signed.status).toBe(200);
    expect(signed.body.username).toBe('signed_name');
    const replay = await h.call('PATCH', '/v1/me', { token: user.accessToken, raw: body, headers });
    expect(replay.status).toBe(401);
    const stale = signedHeaders(key, 'PATCH', '/v1/me', body, -301);
    expect(
      (await h.call('PATCH', '/v1/me', { token: user.accessToken, raw: body, headers: stale }))
        .status,
    ).toBe(401);
    const tampered = signedHeaders(key, 'PATCH', '/v1/me', body);
    const other = JSON.stringify({ username: 'tampered_name' });
    expect(
      (await h.call('PATCH', '/v1/me', { token: user.accessToken, raw: other, headers: tampered }))
        .status,
    ).toBe(401);
    // Reads need only the bearer token; web sessions never sign.
    expect((await h.call('GET', '/v1/me', { token: user.accessToken })).status).toBe(200);
    const web = await h.user('web');
    expect(
      (
        await h.call('PATCH', '/v1/me', {
          token: web.accessToken,
          json: { username: 'web_name_ok' },
        })
      ).status,
    ).toBe(200);
  });
});
