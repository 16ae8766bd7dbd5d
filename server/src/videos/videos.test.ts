import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type TestUser } from '../testing/harness';
import { publish } from '../testing/media';

let h: Harness;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  h = await createHarness({ partSize: 4096 });
  alice = await h.user();
  bob = await h.user();
}, 60_000);
afterAll(async () => {
  await h.close();
});

describe('videos', () => {
  it('publishes once per Idempotency-Key and refuses the key with another body', async () => {
    const first = await publish(h, alice, { title: 'Published' });
    expect(first).toMatchObject({
      status: 'ready',
      title: 'Published',
      myReaction: 'none',
      likes: 0,
    });
    const video = await h.call('GET', `/v1/videos/${first.id}`);
    expect(video.body.videoUrl).toMatch(/\/v1\/objects\/video\//);

    const body = { ...(await uploadsFor(alice)), title: 'Replay me', durationSeconds: 5 };
    const post = (json: unknown, key?: string) =>
      h.call('POST', '/v1/videos', {
        token: alice.accessToken,
        json,
        headers: key ? { 'idempotency-key': key } : {},
      });
    expect((await post(body)).status).toBe(400);
    const key = randomUUID();
    const v1 = await post(body, key);
    expect(v1.status).toBe(201);
    const v2 = await post(body, key);
    expect(v2.status).toBe(201);
    expect(v2.body.id).toBe(v1.body.id);
    expect(v2.headers.get('idempotent-replayed')).toBe('true');
    expect((await post({ ...body, title: 'Different' }, key)).status).toBe(422);
    // A failed request is not stored: its key can be used again.
    const failedKey = randomUUID();
    expect((await post({ ...body, videoUploadId: randomUUID() }, failedKey)).status).toBe(404);
    expect((await post({ ...body, videoUploadId: randomUUID() }, failedKey)).status).toBe(404);
  });

  it('counts one like for 50 concurrent likes by one user, and toggles', async () => {
    const video = await publish(h, alice);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        h.call('POST', `/v1/videos/${video.id}/reaction`, {
          token: bob.accessToken,
          json: { reaction: 'like' },
        }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const after = await h.call('GET', `/v1/videos/${video.id}`, { token: bob.accessToken });
    expect(after.body).toMatchObject({ likes: 1, dislikes: 0, myReaction: 'like' });
    const dislike = await h.call('POST', `/v1/videos/${video.id}/reaction`, {
      token: bob.accessToken,
      json: { reaction: 'dislike' },
    });
    expect(dislike.body).toEqual({ likes: 0, dislikes: 1, myReaction: 'dislike' });
    const none = await h.call('POST', `/v1/videos/${video.id}/reaction`, {
      token: bob.accessToken,
      json: { reaction: 'none' },
    });
    expect(none.body).toEqual({ likes: 0, dislikes: 0, myReaction: 'none' });
  });

  it('deduplicates views per viewer and per anonymous session for 24 h', async () => {
    const video = await publish(h, alice);
    const view = (token: string | undefined, sessionId: string) =>
      h.call('POST', `/v1/videos/${video.id}/view`, { token, json: { sessionId } });
    expect((await view(bob.accessToken, 'session-aaaa')).body).toEqual({ views: 1, counted: true });
    expect((await view(bob.accessToken, 'session-bbbb')).body).toEqual({
      views: 1,
      counted: false,
    });
    expect((await view(alice.accessToken, 'session-cccc')).body).toEqual({
      views: 2,
      counted: true,
    });
    expect((await view(undefined, 'anon-session-1')).body).toEqual({ views: 3, counted: true });
    expect((await view(undefined, 'anon-session-1')).body).toEqual({ views: 3, counted: false });
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () => view(undefined, 'anon-session-2')),
    );
    expect(concurrent.filter((r) => r.body.counted)).toHaveLength(1);
  });

  it('lets only the owner edit or delete, counts one report per user, and gives remix lineage', async () => {
    const video = await publish(h, alice, { prompt: 'neon city' });
    expect(
      (
        await h.call('PATCH', `/v1/videos/${video.id}`, {
          token: bob.accessToken,
          json: { title: 'mine' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await h.call('DELETE', `/v1/videos/${video.id}`, { token: bob.accessToken })).status,
    ).toBe(403);
    const edited = await h.call('PATCH', `/v1/videos/${video.id}`, {
      token: alice.accessToken,
      json: { title: 'Renamed' },
    });
    expect(edited.body.title).toBe('Renamed');
    expect(
      (
        await h.call('POST', `/v1/videos/${video.id}/report`, {
          token: bob.accessToken,
          json: { reason: 'spam spam' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await h.call('POST', `/v1/videos/${video.id}/report`, {
          token: bob.accessToken,
          json: { reason: 'again' },
        })
      ).status,
    ).toBe(409);

    const remix = await publish(h, bob, { sourceVideoId: video.id, prompt: undefined });
    const recreate = await h.call('POST', `/v1/videos/${remix.id}/recreate`, {
      token: alice.accessToken,
    });
    expect(recreate.body.prompt).toBeNull();
    expect(recreate.body.lineage.map((v: { id: string }) => v.id)).toEqual([remix.id, video.id]);

    const unpublished = await h.call('PATCH', `/v1/videos/${video.id}`, {
      token: alice.accessToken,
      json: { unpublished: true },
    });
    expect(unpublished.body.status).toBe('unpublished');
    expect((await h.call('GET', `/v1/videos/${video.id}`, { token: bob.accessToken })).status).toBe(
      404,
    );
    const back = await h.call('PATCH', `/v1/videos/${video.id}`, {
      token: alice.accessToken,
      json: { unpublished: false },
    });
    expect(back.body.status).toBe('ready');
    expect(
      (await h.call('DELETE', `/v1/videos/${video.id}`, { token: alice.accessToken })).status,
    ).toBe(200);
    expect(
      (await h.call('GET', `/v1/videos/${video.id}`, { token: alice.accessToken })).status,
    ).toBe(404);
  });

  it('serves a share page with Open Graph tags for public and unlisted videos', async () => {
    const video = await publish(h, alice, { title: 'Share <me>', visibility: 'unlisted' });
    const page = await h.call('GET', `/v/${video.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<meta property="og:title" content="Share &#60;me&#62;">');
    expect(page.text).toContain('og:video');
    expect(page.text).toContain('<video');
    expect((await h.call('GET', `/v/${randomUUID()}`)).status).toBe(404);
  });
});

describe('feed, profiles and leaderboard', () => {
  it('ranks by score and keeps the cursor stable while new videos arrive', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await publish(h, alice, { title: `feed ${i}` })).id);
    const liked = ids[0] ?? '';
    await h.call('POST', `/v1/videos/${liked}/reaction`, {
      token: bob.accessToken,
      json: { reaction: 'like' },
    });
    const all = await h.call('GET', '/v1/feed?limit=50');
    const order = all.body.videos.map((v: { id: string }) => v.id) as string[];
    const scores = all.body.videos.map((v: { rankingScore: number }) => v.rankingScore) as number[];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(order.indexOf(liked)).toBeLessThan(order.indexOf(ids[4] ?? ''));
    expect(order.indexOf(ids[4] ?? '')).toBeLessThan(order.indexOf(ids[3] ?? ''));

    const seen: string[] = [];
    let page = await h.call('GET', '/v1/feed?limit=2');
    seen.push(...page.body.videos.map((v: { id: string }) => v.id));
    await publish(h, bob, { title: 'arrived while scrolling' });
    while (page.body.nextCursor) {
      page = await h.call('GET', `/v1/feed?limit=2&cursor=${page.body.nextCursor as string}`);
      seen.push(...page.body.videos.map((v: { id: string }) => v.id));
    }
    expect(seen).toEqual(order);
    expect((await h.call('GET', '/v1/feed?cursor=not-a-cursor')).status).toBe(400);
  });

  it('shows profiles with stats, a creator’s videos, liked videos and the leaderboard', async () => {
    const profile = await h.call('GET', `/v1/users/${alice.id}`);
    expect(profile.body.stats.videos).toBeGreaterThan(0);
    expect(profile.body.stats.remixes).toBe(1);
    const videos = await h.call('GET', `/v1/users/${alice.id}/videos?limit=3`);
    expect(videos.body.videos).toHaveLength(3);
    const next = await h.call(
      'GET',
      `/v1/users/${alice.id}/videos?limit=3&cursor=${videos.body.nextCursor as string}`,
    );
    expect(next.body.videos[0].id).not.toBe(videos.body.videos[2].id);
    const liked = await h.call('GET', `/v1/users/${bob.id}/liked`);
    expect(liked.body.videos.length).toBeGreaterThan(0);
    const board = await h.call('GET', '/v1/leaderboard?limit=5');
    expect(board.body.creators[0].id).toBe(alice.id);
    expect((await h.call('GET', `/v1/users/${randomUUID()}`)).status).toBe(404);
  });
});

async function uploadsFor(user: TestUser) {
  const { uploadFile } = await import('../testing/media');
  const { randomBytes } = await import('node:crypto');
  return {
    videoUploadId: await uploadFile(h, user, 'video', randomBytes(100), 'video/mp4'),
    thumbnailUploadId: await uploadFile(h, user, 'thumbnail', randomBytes(100), 'image/png'),
  };
}
