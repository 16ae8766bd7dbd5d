import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../testing/harness';
import { sha256, uploadFile } from '../testing/media';

let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness({ partSize: 1024, quotaBytes: 64 * 1024 });
  alice = await h.user();
  bob = await h.user();
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('uploads to local storage', () => {
  it('takes parts on signed URLs with S3-style ETags, resumes, assembles and verifies the sha256', async () => {
    const data = randomBytes(2500);
    const created = await h.call('POST', '/v1/uploads', {
      token: alice.accessToken,
      json: { kind: 'video', contentType: 'video/mp4', bytes: data.length, sha256: sha256(data) },
    });
    expect(created.status).toBe(201);
    expect(created.body.parts).toHaveLength(3);
    const id = created.body.uploadId as string;
    const first = created.body.parts[0];
    const put1 = await h.call('PUT', first.url, { raw: data.subarray(0, 1024) });
    expect(put1.status).toBe(200);
    expect(put1.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);

    // Back from sleep: the server lists what it has and hands fresh URLs for the rest.
    const status = await h.call('GET', `/v1/uploads/${id}`, { token: alice.accessToken });
    expect(status.body.received).toEqual([{ partNumber: 1, etag: put1.headers.get('etag') }]);
    expect(status.body.parts.map((p: { partNumber: number }) => p.partNumber)).toEqual([2, 3]);
    const etags = [put1.headers.get('etag') ?? ''];
    for (const part of status.body.parts as { partNumber: number; url: string }[]) {
      const r = await h.call('PUT', part.url, {
        raw: data.subarray((part.partNumber - 1) * 1024, part.partNumber * 1024),
      });
      etags.push(r.headers.get('etag') ?? '');
    }
    const complete = await h.call('POST', `/v1/uploads/${id}/complete`, {
      token: alice.accessToken,
      json: { parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) },
    });
    expect(complete.status).toBe(200);
    expect(complete.body.status).toBe('verifying');
    await h.api.idle();
    const done = await h.call('GET', `/v1/uploads/${id}`, { token: alice.accessToken });
    expect(done.body.status).toBe('verified');
    const file = path.join(h.dataDir, 'storage', 'objects', 'video', id);
    expect(sha256(fs.readFileSync(file))).toBe(sha256(data));
    const read = await h.call('GET', `/v1/objects/video/${id}`, {
      headers: { range: 'bytes=0-9' },
    });
    expect(read.status).toBe(206);
    expect(read.headers.get('content-type')).toBe('video/mp4');
  });

  it('marks an upload failed when the bytes do not match the announced sha256', async () => {
    const data = randomBytes(500);
    const created = await h.call('POST', '/v1/uploads', {
      token: alice.accessToken,
      json: {
        kind: 'thumbnail',
        contentType: 'image/png',
        bytes: 500,
        sha256: sha256(randomBytes(500)),
      },
    });
    const put = await h.call('PUT', created.body.parts[0].url, { raw: data });
    await h.call('POST', `/v1/uploads/${created.body.uploadId}/complete`, {
      token: alice.accessToken,
      json: { parts: [{ partNumber: 1, etag: put.headers.get('etag') }] },
    });
    await h.api.idle();
    const status = await h.call('GET', `/v1/uploads/${created.body.uploadId}`, {
      token: alice.accessToken,
    });
    expect(status.body.status).toBe('failed');
  });

  it('takes the sha256 at complete (hash-while-sending clients) and verifies it after assembly', async () => {
    const data = randomBytes(2100);
    const start = async () => {
      const created = await h.call('POST', '/v1/uploads', {
        token: alice.accessToken,
        json: { kind: 'video', contentType: 'video/mp4', bytes: data.length },
      });
      expect(created.status).toBe(201);
      const parts: { partNumber: number; etag: string }[] = [];
      for (const part of created.body.parts as { partNumber: number; url: string }[]) {
        const put = await h.call('PUT', part.url, {
          raw: data.subarray((part.partNumber - 1) * 1024, part.partNumber * 1024),
        });
        parts.push({ partNumber: part.partNumber, etag: put.headers.get('etag') ?? '' });
      }
      return { id: created.body.uploadId as string, parts };
    };
    const good = await start();
    const missing = await h.call('POST', `/v1/uploads/${good.id}/complete`, {
      token: alice.accessToken,
      json: { parts: good.parts },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/without a sha256: send it with complete/);
    const complete = await h.call('POST', `/v1/uploads/${good.id}/complete`, {
      token: alice.accessToken,
      json: { parts: good.parts, sha256: sha256(data) },
    });
    expect(complete.status).toBe(200);
    await h.api.idle();
    const verified = await h.call('GET', `/v1/uploads/${good.id}`, { token: alice.accessToken });
    expect(verified.body.status).toBe('verified');

    // A digest that does not match the assembled bytes: the upload fails and cannot be published.
    const bad = await start();
    await h.call('POST', `/v1/uploads/${bad.id}/complete`, {
      token: alice.accessToken,
      json: { parts: bad.parts, sha256: sha256(randomBytes(10)) },
    });
    await h.api.idle();
    const failed = await h.call('GET', `/v1/uploads/${bad.id}`, { token: alice.accessToken });
    expect(failed.body.status).toBe('failed');
    const thumb = await uploadFile(h, alice, 'thumbnail', randomBytes(64), 'image/png');
    const video = await h.call('POST', '/v1/videos', {
      token: alice.accessToken,
      headers: { 'idempotency-key': 'sha-mismatch-1' },
      json: {
        title: 'Mismatch',
        durationSeconds: 3,
        videoUploadId: bad.id,
        thumbnailUploadId: thumb,
      },
    });
    expect(video.status).toBe(409);
  });

  it('refuses a complete whose sha256 differs from the one sent at create', async () => {
    const data = randomBytes(200);
    const created = await h.call('POST', '/v1/uploads', {
      token: alice.accessToken,
      json: { kind: 'thumbnail', contentType: 'image/png', bytes: 200, sha256: sha256(data) },
    });
    const put = await h.call('PUT', created.body.parts[0].url, { raw: data });
    const complete = await h.call('POST', `/v1/uploads/${created.body.uploadId}/complete`, {
      token: alice.accessToken,
      json: {
        parts: [{ partNumber: 1, etag: put.headers.get('etag') }],
        sha256: sha256(randomBytes(5)),
      },
    });
    expect(complete.status).toBe(400);
    expect(complete.body.message).toMatch(/differs from the one sent at create/);
    const status = await h.call('GET', `/v1/uploads/${created.body.uploadId}`, {
      token: alice.accessToken,
    });
    expect(status.body.status).toBe('pending');
  });

  it('refuses forged or expired part URLs, wrong sizes and unknown ETags', async () => {
    const data = randomBytes(100);
    const created = await h.call('POST', '/v1/uploads', {
      token: alice.accessToken,
      json: { kind: 'avatar', contentType: 'image/png', bytes: 100, sha256: sha256(data) },
    });
    const url = created.body.parts[0].url as string;
    expect(
      (await h.call('PUT', url.replace(/sig=[0-9a-f]+/, `sig=${'0'.repeat(64)}`), { raw: data }))
        .status,
    ).toBe(403);
    expect(
      (await h.call('PUT', url.replace(/expires=\d+/, 'expires=1000'), { raw: data })).status,
    ).toBe(403);
    expect((await h.call('PUT', url, { raw: randomBytes(101) })).status).toBe(413);
    expect((await h.call('PUT', url, { raw: randomBytes(99) })).status).toBe(400);
    const complete = await h.call('POST', `/v1/uploads/${created.body.uploadId}/complete`, {
      token: alice.accessToken,
      json: { parts: [{ partNumber: 1, etag: '"deadbeef"' }] },
    });
    expect(complete.status).toBe(400);
  });

  it('enforces content types, size limits and the storage quota', async () => {
    const bad = await h.call('POST', '/v1/uploads', {
      token: alice.accessToken,
      json: {
        kind: 'asset',
        contentType: 'image/svg+xml',
        bytes: 10,
        sha256: sha256(randomBytes(1)),
      },
    });
    expect(bad.status).toBe(415);
    const big = await h.call('POST', '/v1/uploads', {
      token: alice.accessToken,
      json: {
        kind: 'avatar',
        contentType: 'image/png',
        bytes: 6 * 1024 * 1024,
        sha256: sha256(randomBytes(1)),
      },
    });
    expect(big.status).toBe(413);
    const overQuota = await h.call('POST', '/v1/uploads', {
      token: bob.accessToken,
      json: {
        kind: 'video',
        contentType: 'video/mp4',
        bytes: 65 * 1024,
        sha256: sha256(randomBytes(1)),
      },
    });
    expect(overQuota.status).toBe(413);
    expect(overQuota.body.message).toMatch(/quota/);
  });

  it('aborts (recorded, quota released) and hides uploads from other users', async () => {
    const data = randomBytes(300);
    const created = await h.call('POST', '/v1/uploads', {
      token: bob.accessToken,
      json: { kind: 'asset', contentType: 'image/png', bytes: 300, sha256: sha256(data) },
    });
    const id = created.body.uploadId as string;
    expect((await h.call('GET', `/v1/uploads/${id}`, { token: alice.accessToken })).status).toBe(
      404,
    );
    expect((await h.call('DELETE', `/v1/uploads/${id}`, { token: alice.accessToken })).status).toBe(
      404,
    );
    const before = await h.call('GET', '/v1/me', { token: bob.accessToken });
    expect((await h.call('DELETE', `/v1/uploads/${id}`, { token: bob.accessToken })).status).toBe(
      200,
    );
    const after = await h.call('GET', '/v1/me', { token: bob.accessToken });
    expect(after.body.storageBytes).toBe(before.body.storageBytes - 300);
    expect((await h.call('GET', `/v1/uploads/${id}`, { token: bob.accessToken })).body.status).toBe(
      'aborted',
    );
    expect((await h.call('PUT', created.body.parts[0].url, { raw: data })).status).toBe(409);
  });

  it('sets an avatar from a verified upload', async () => {
    const avatar = await uploadFile(h, alice, 'avatar', randomBytes(64), 'image/webp');
    const r = await h.call('PATCH', '/v1/me', {
      token: alice.accessToken,
      json: { avatarUploadId: avatar },
    });
    expect(r.status).toBe(200);
    expect(r.body.avatarUrl).toBe(`http://127.0.0.1:9/v1/objects/avatar/${avatar}`);
    const theirs = await h.call('PATCH', '/v1/me', {
      token: bob.accessToken,
      json: { avatarUploadId: avatar },
    });
    expect(theirs.status).toBe(404);
  });
});
