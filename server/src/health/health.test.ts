import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEndpoints } from '../../../shared/api/index';
import { createHarness, type Harness } from '../testing/harness';
import { uploadFile } from '../testing/media';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('health, OpenAPI and assets', () => {
  it('reports database and storage health', async () => {
    const r = await h.call('GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: true, storage: true, version: 'test' });
  });

  it('serves an OpenAPI document with every contract endpoint', async () => {
    const r = await h.call('GET', '/v1/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    for (const e of apiEndpoints) {
      const path = e.path.replace(/:(\w+)/g, '{$1}');
      expect(r.body.paths[path]?.[e.method.toLowerCase()], `${e.method} ${e.path}`).toBeDefined();
    }
    expect(
      r.body.paths['/v1/auth/signup'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(expect.arrayContaining(['email', 'password', 'username']));
  });

  it('publishes (once per Idempotency-Key), reads and deletes an asset link', async () => {
    const user = await h.user();
    const upload = await uploadFile(h, user, 'asset', randomBytes(80), 'image/png');
    const body = { uploadId: upload, type: 'emote', title: 'Hype' };
    const unkeyed = await h.call('POST', '/v1/assets', { token: user.accessToken, json: body });
    expect(unkeyed.status).toBe(400);
    expect(unkeyed.body.message).toMatch(/Idempotency-Key/);
    const headers = { 'idempotency-key': 'asset-link-once-1' };
    const created = await h.call('POST', '/v1/assets', {
      token: user.accessToken,
      headers,
      json: body,
    });
    expect(created.status).toBe(201);
    // A retry whose first answer was lost: the same link, not a second one.
    const again = await h.call('POST', '/v1/assets', {
      token: user.accessToken,
      headers,
      json: body,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(created.body.id);
    const rows = await h.api.deps.db
      .selectFrom('assets')
      .select('id')
      .where('upload_id', '=', upload)
      .execute();
    expect(rows).toHaveLength(1);
    expect(created.body.url).toBe(`http://127.0.0.1:9/v1/objects/asset/${upload}`);
    expect((await h.call('GET', `/v1/assets/${created.body.id as string}`)).body.title).toBe(
      'Hype',
    );
    expect(
      (
        await h.call('DELETE', `/v1/assets/${created.body.id as string}`, {
          token: user.accessToken,
        })
      ).status,
    ).toBe(200);
    expect((await h.call('GET', `/v1/assets/${created.body.id as string}`)).status).toBe(404);
  });
});
