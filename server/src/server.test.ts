/**
 * The API over a real socket, with PGlite on disk: health, a local part PUT streamed through
 * @hono/node-server, and data surviving a restart.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startApiServer } from './index';
import { testConfig } from './testing/harness';
import { sha256 } from './testing/media';

const config = testConfig({ pgliteDir: undefined });
afterAll(() => {
  fs.rmSync(config.dataDir ?? '', { recursive: true, force: true });
});

describe('startApiServer', () => {
  it('serves over HTTP on 127.0.0.1 and keeps its data across restarts', async () => {
    let api = await startApiServer(config);
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${api.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toBeTruthy();

    const email = 'socket@example.com';
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    expect(
      (await post('/v1/auth/signup', { email, password: 'socket password', username: 'socket' }))
        .status,
    ).toBe(201);
    await api.idle();
    const outbox = fs.readdirSync(`${config.dataDir ?? ''}/outbox`);
    const mail = fs
      .readFileSync(`${config.dataDir ?? ''}/outbox/${outbox[0] ?? ''}`, 'utf8')
      .replace(/=\r?\n/g, '');
    const token = /token=3D([A-Za-z0-9_-]+)|token=([A-Za-z0-9_-]+)/.exec(mail);
    expect((await post('/v1/auth/verify', { token: token?.[1] ?? token?.[2] })).status).toBe(200);
    const login = (await (
      await post('/v1/auth/login', { email, password: 'socket password' })
    ).json()) as {
      accessToken: string;
    };
    const data = randomBytes(3000);
    const created = (await (
      await post(
        '/v1/uploads',
        { kind: 'thumbnail', contentType: 'image/png', bytes: data.length, sha256: sha256(data) },
        login.accessToken,
      )
    ).json()) as { uploadId: string; parts: { url: string }[] };
    const url = (created.parts[0]?.url ?? '').replace(/^http:\/\/[^/]+/, api.url);
    const put = await fetch(url, { method: 'PUT', body: data });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    await api.close();

    api = await startApiServer(config);
    const again = await fetch(`${api.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'socket password' }),
    });
    expect(again.status).toBe(200);
    await api.close();
  }, 120_000);
});
