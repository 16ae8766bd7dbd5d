/**
 * Every endpoint of the contract against hostile input: no token, malformed JSON, wrong types,
 * oversize bodies, bad ids, and another user's resources.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEndpoints, type EndpointSpec } from '../../../shared/api/index';
import { createHarness, type Harness, type TestUser } from '../testing/harness';
import { publish, sha256, uploadFile } from '../testing/media';

let h: Harness;
let owner: TestUser;
let other: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness({ openai: { baseUrl: 'http://upstream.invalid' } });
  owner = await h.user();
  other = await h.user();
  ids.video = (await publish(h, owner)).id;
  const pending = await h.call('POST', '/v1/uploads', {
    token: owner.accessToken,
    json: { kind: 'asset', contentType: 'image/png', bytes: 10, sha256: sha256(randomBytes(10)) },
  });
  ids.upload = pending.body.uploadId;
  const assetUpload = await uploadFile(h, owner, 'asset', randomBytes(50), 'image/png');
  const asset = await h.call('POST', '/v1/assets', {
    token: owner.accessToken,
    headers: { 'idempotency-key': 'hostile-asset-1' },
    json: { uploadId: assetUpload, type: 'emote', title: 'Pog' },
  });
  ids.asset = asset.body.id;
}, 120_000);
afterAll(async () => {
  await h.close();
});

const label = (e: EndpointSpec) => `${e.method} ${e.path}`;
const pathFor = (e: EndpointSpec, id: string) => e.path.replace(':id', id);
const bodied = apiEndpoints.filter((e) => e.body);
const authed = apiEndpoints.filter((e) => e.auth === 'required');
const withId = apiEndpoints.filter((e) => e.path.includes(':id'));
const headersFor = (e: EndpointSpec) =>
  e.idempotent ? { 'idempotency-key': randomUUID() } : undefined;

/** What another user gets from an owner-only action on someone else's resource. */
const OWNER_ONLY: Record<string, { resource: string; status: number }> = {
  'GET /v1/uploads/:id': { resource: 'upload', status: 404 },
  'POST /v1/uploads/:id/parts': { resource: 'upload', status: 404 },
  'POST /v1/uploads/:id/complete': { resource: 'upload', status: 404 },
  'DELETE /v1/uploads/:id': { resource: 'upload', status: 404 },
  'PATCH /v1/videos/:id': { resource: 'video', status: 403 },
  'DELETE /v1/videos/:id': { resource: 'video', status: 403 },
  'DELETE /v1/assets/:id': { resource: 'asset', status: 403 },
};
/** Endpoints on a resource that anyone may use (public reads and social actions). */
const PUBLIC_ON_RESOURCE = new Set([
  'GET /v1/videos/:id',
  'POST /v1/videos/:id/report',
  'POST /v1/videos/:id/reaction',
  'POST /v1/videos/:id/view',
  'POST /v1/videos/:id/recreate',
  'GET /v1/users/:id',
  'GET /v1/users/:id/videos',
  'GET /v1/users/:id/liked',
  'GET /v1/assets/:id',
]);

const validBodies: Record<string, unknown> = {
  'PATCH /v1/uploads/:id': {},
  'POST /v1/uploads/:id/parts': { parts: [{ partNumber: 1, etag: '"x"' }] },
  'POST /v1/uploads/:id/complete': { parts: [{ partNumber: 1, etag: '"x"' }] },
  'PATCH /v1/videos/:id': { title: 'stolen' },
};

describe('hostile clients', () => {
  it('classifies every endpoint on a resource as owner-only or public', () => {
    for (const e of withId) {
      expect(OWNER_ONLY[label(e)] !== undefined || PUBLIC_ON_RESOURCE.has(label(e)), label(e)).toBe(
        true,
      );
    }
  });

  it.each(authed.map((e) => [label(e), e] as const))('%s without a token → 401', async (_l, e) => {
    const r = await h.call(e.method, pathFor(e, ids.video ?? ''), {
      json: {},
      headers: headersFor(e),
    });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
  });

  it.each(bodied.map((e) => [label(e), e] as const))(
    '%s with malformed JSON → 400',
    async (_l, e) => {
      const r = await h.call(e.method, pathFor(e, ids.video ?? ''), {
        token: owner.accessToken,
        raw: '{"oops": ',
        headers: headersFor(e),
      });
      expect(r.status).toBe(400);
      expect(r.body.statusCode).toBe(400);
    },
  );

  it.each(bodied.map((e) => [label(e), e] as const))('%s with wrong types → 400', async (_l, e) => {
    for (const json of [
      [1, 2],
      42,
      'text',
      { email: 5, title: [], parts: 'x', reaction: 7, prompt: {} },
    ]) {
      const r = await h.call(e.method, pathFor(e, ids.video ?? ''), {
        token: owner.accessToken,
        json,
        headers: headersFor(e),
      });
      expect(r.status, JSON.stringify(json)).toBe(400);
    }
  });

  it.each(bodied.map((e) => [label(e), e] as const))(
    '%s with an oversize body → 413',
    async (_l, e) => {
      const size = e.path === '/v1/generate/transcription' ? 17 * 1024 * 1024 : 100 * 1024;
      const r = await h.call(e.method, pathFor(e, ids.video ?? ''), {
        token: owner.accessToken,
        raw: JSON.stringify({ pad: 'x'.repeat(size) }),
        headers: headersFor(e),
      });
      expect(r.status).toBe(413);
    },
  );

  it.each(withId.map((e) => [label(e), e] as const))(
    '%s with a malformed id → 400',
    async (_l, e) => {
      const r = await h.call(e.method, e.path.replace(':id', 'not-an-id'), {
        token: owner.accessToken,
        json: validBodies[label(e)] ?? {},
        headers: headersFor(e),
      });
      expect(r.status).toBe(400);
    },
  );

  it.each(Object.entries(OWNER_ONLY))(
    '%s on another user’s resource → refused',
    async (key, rule) => {
      const e = apiEndpoints.find((x) => label(x) === key);
      if (!e) throw new Error(`no endpoint ${key}`);
      const r = await h.call(e.method, pathFor(e, ids[rule.resource] ?? ''), {
        token: other.accessToken,
        json: validBodies[key] ?? {},
        headers: headersFor(e),
      });
      expect(r.status).toBe(rule.status);
      // And the owner's resource is untouched.
      if (rule.resource === 'video') {
        expect((await h.call('GET', `/v1/videos/${ids.video ?? ''}`)).body.title).toBe('A video');
      }
    },
  );

  it('answers unknown routes with the error shape', async () => {
    const r = await h.call('GET', '/v1/nope');
    expect(r.body).toEqual({ statusCode: 404, error: 'Not Found', message: expect.any(String) });
  });
});
