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

  it('publishes, reads and deletes an asset link', async () => {
    const user = await h.user();
    const upload = await uploadFile(h, user, 'asset', randomBytes(80), 'image/png');
    const created = await h.call('POST', '/v1/assets', {
      token: user.accessToken,
      json: { uploadId: upload, type: 'emote', title: 'Hype' },
    });
    expect(created.status).toBe(201);
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
