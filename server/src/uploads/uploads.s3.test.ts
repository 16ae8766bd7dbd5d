/**
 * The S3 path against s3rver on loopback: presigned multipart part URLs, parts recorded by the
 * API (s3rver has no ListParts), CompleteMultipartUpload, sha256 verification, best-effort abort.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../testing/harness';
import { sha256, uploadFile, type PartTransport } from '../testing/media';

let s3: S3rver;
let s3dir: string;
let h: Harness;
let user: TestUser;

const overHttp: PartTransport = {
  put: async (url, data) => {
    const response = await fetch(url, { method: 'PUT', body: data });
    if (!response.ok) throw new Error(`S3 PUT ${response.status} ${await response.text()}`);
    return response.headers.get('etag') ?? '';
  },
};

beforeAll(async () => {
  s3dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-s3rver-'));
  s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3dir,
    configureBuckets: [{ name: 'reelsmith' }],
  });
  const address = await s3.run();
  h = await createHarness({
    partSize: 5 * 1024 * 1024,
    quotaBytes: 100 * 1024 * 1024,
    s3: {
      endpoint: `http://127.0.0.1:${address.port}`,
      bucket: 'reelsmith',
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
  });
  user = await h.user();
}, 60_000);

afterAll(async () => {
  await h.close();
  await s3.close();
  fs.rmSync(s3dir, { recursive: true, force: true });
});

describe('uploads to S3 (s3rver)', () => {
  it('uploads two parts through presigned URLs, completes, verifies and serves the object', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 1234);
    const created = await h.call('POST', '/v1/uploads', {
      token: user.accessToken,
      json: { kind: 'video', contentType: 'video/mp4', bytes: data.length, sha256: sha256(data) },
    });
    expect(created.status).toBe(201);
    expect(created.body.parts).toHaveLength(2);
    const id = created.body.uploadId as string;
    const [p1, p2] = created.body.parts as { partNumber: number; url: string }[];
    expect(p1?.url).toContain('X-Amz-Signature=');
    const e1 = await overHttp.put(p1?.url ?? '', data.subarray(0, 5 * 1024 * 1024));
    const recorded = await h.call('POST', `/v1/uploads/${id}/parts`, {
      token: user.accessToken,
      json: { parts: [{ partNumber: 1, etag: e1 }] },
    });
    expect(recorded.body.received).toEqual([{ partNumber: 1, etag: e1 }]);
    expect(recorded.body.parts.map((p: { partNumber: number }) => p.partNumber)).toEqual([2]);
    const e2 = await overHttp.put(p2?.url ?? '', data.subarray(5 * 1024 * 1024));
    const done = await h.call('POST', `/v1/uploads/${id}/complete`, {
      token: user.accessToken,
      json: {
        parts: [
          { partNumber: 1, etag: e1 },
          { partNumber: 2, etag: e2 },
        ],
      },
    });
    expect(done.status).toBe(200);
    await h.api.idle();
    expect(
      (await h.call('GET', `/v1/uploads/${id}`, { token: user.accessToken })).body.status,
    ).toBe('verified');
    const object = await fetch(h.api.deps.storage.readUrl(`video/${id}`));
    expect(sha256(new Uint8Array(await object.arrayBuffer()))).toBe(sha256(data));
  }, 60_000);

  it('publishes a small video from single-part uploads', async () => {
    const thumb = await uploadFile(h, user, 'thumbnail', randomBytes(300), 'image/jpeg', overHttp);
    expect(
      (await h.call('GET', `/v1/uploads/${thumb}`, { token: user.accessToken })).body.status,
    ).toBe('verified');
  });

  it('records an abort even though s3rver does not implement AbortMultipartUpload', async () => {
    const created = await h.call('POST', '/v1/uploads', {
      token: user.accessToken,
      json: { kind: 'asset', contentType: 'image/png', bytes: 10, sha256: sha256(randomBytes(10)) },
    });
    expect(
      (
        await h.call('DELETE', `/v1/uploads/${created.body.uploadId as string}`, {
          token: user.accessToken,
        })
      ).status,
    ).toBe(200);
    const status = await h.call('GET', `/v1/uploads/${created.body.uploadId as string}`, {
      token: user.accessToken,
    });
    expect(status.body.status).toBe('aborted');
  });

  it('reports storage health', async () => {
    const health = await h.call('GET', '/v1/health');
    expect(health.body).toMatchObject({ status: 'ok', database: true, storage: true });
  });
});
