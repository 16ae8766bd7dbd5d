/**
 * Correctness-under-concurrency scenarios, run against PGlite and against a real PostgreSQL
 * server by `concurrency.test.ts`.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Harness } from './harness';
import { publish } from './media';

/** A fake OpenAI-compatible upstream: answers scripts, or fails when told to. */
export function fakeUpstream(h: Harness, fail: () => boolean = () => false): void {
  h.api.deps.fetch = async (_input, _init) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail()) return new Response('overloaded', { status: 503 });
    return Response.json({ choices: [{ message: { content: 'A script.' } }] });
  };
}

/** 100 concurrent charges against a balance of 10 credits: exactly 10 succeed. */
export async function concurrentCharges(h: Harness): Promise<void> {
  fakeUpstream(h);
  const user = await h.user();
  await h.api.deps.db.updateTable('users').set({ balance: 10 }).where('id', '=', user.id).execute();
  const results = await Promise.all(
    Array.from({ length: 100 }, () =>
      h.call('POST', '/v1/generate/script', {
        token: user.accessToken,
        headers: { 'idempotency-key': randomUUID() },
        json: { prompt: 'a video about cats' },
      }),
    ),
  );
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 402)).toHaveLength(90);
  const me = await h.call('GET', '/v1/me', { token: user.accessToken });
  expect(me.body.balance).toBe(0);
  const ledger = await h.call('GET', '/v1/me/credits?limit=50', { token: user.accessToken });
  expect(ledger.body.entries.filter((e: { delta: number }) => e.delta === -1)).toHaveLength(10);
}

/** 50 concurrent likes by one user count once. */
export async function concurrentLikes(h: Harness): Promise<void> {
  const owner = await h.user();
  const fan = await h.user();
  const video = await publish(h, owner);
  await Promise.all(
    Array.from({ length: 50 }, () =>
      h.call('POST', `/v1/videos/${video.id}/reaction`, {
        token: fan.accessToken,
        json: { reaction: 'like' },
      }),
    ),
  );
  const after = await h.call('GET', `/v1/videos/${video.id}`);
  expect(after.body.likes).toBe(1);
}

/** Two users viewing concurrently, each many times: two views. */
export async function viewsDedup(h: Harness): Promise<void> {
  const owner = await h.user();
  const a = await h.user();
  const b = await h.user();
  const video = await publish(h, owner);
  await Promise.all(
    [a, b, a, b, a, b, a, b].map((u, i) =>
      h.call('POST', `/v1/videos/${video.id}/view`, {
        token: u.accessToken,
        json: { sessionId: `session-${i}-xyz` },
      }),
    ),
  );
  expect((await h.call('GET', `/v1/videos/${video.id}`)).body.views).toBe(2);
}

/** Reusing a rotated refresh token ends the whole session (family). */
export async function refreshReuse(h: Harness): Promise<void> {
  const user = await h.user();
  const rotated = await h.call('POST', '/v1/auth/refresh', {
    json: { refreshToken: user.refreshToken },
  });
  expect(rotated.status).toBe(200);
  // Concurrent reuse of the old token: none of them gets through.
  const reuse = await Promise.all(
    Array.from({ length: 5 }, () =>
      h.call('POST', '/v1/auth/refresh', { json: { refreshToken: user.refreshToken } }),
    ),
  );
  expect(reuse.every((r) => r.status === 401)).toBe(true);
  expect(
    (
      await h.call('POST', '/v1/auth/refresh', {
        json: { refreshToken: rotated.body.refreshToken },
      })
    ).status,
  ).toBe(401);
  expect((await h.call('GET', '/v1/me', { token: rotated.body.accessToken })).status).toBe(401);
}

/** Concurrent rotations of one valid refresh token: exactly one wins, the session then ends. */
export async function refreshRace(h: Harness): Promise<void> {
  const user = await h.user();
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      h.call('POST', '/v1/auth/refresh', { json: { refreshToken: user.refreshToken } }),
    ),
  );
  expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
}
