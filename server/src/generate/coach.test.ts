/**
 * `POST /v1/generate/coach`: the upstream's chat-completion event stream passed through, the
 * coach price charged once per Idempotency-Key (a replayed key is refused, never answered free),
 * 402 when the balance is short, the model the server's own.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COACH_PRICE } from '../../../shared/api/generate.api';
import { createHarness, type Harness, type TestUser } from '../testing/harness';

let h: Harness;
let user: TestUser;
const sent: unknown[] = [];
const EVENTS =
  'data: {"choices":[{"delta":{"content":"Hello"}}]}\n\n' +
  'data: {"choices":[{"delta":{"content":" there"}}]}\n\ndata: [DONE]\n\n';

beforeAll(async () => {
  h = await createHarness({ openai: { baseUrl: 'http://upstream.invalid', apiKey: 'sk-test' } });
  h.api.deps.fetch = async (_input, init) => {
    sent.push(JSON.parse(typeof init?.body === 'string' ? init.body : '{}'));
    return Promise.resolve(
      new Response(EVENTS, { headers: { 'content-type': 'text/event-stream' } }),
    );
  };
  user = await h.user();
}, 60_000);
afterAll(async () => {
  await h.close();
});

const balance = async () =>
  (await h.call('GET', '/v1/me', { token: user.accessToken })).body.balance as number;
const coach = (key: string) =>
  h.call('POST', '/v1/generate/coach', {
    token: user.accessToken,
    headers: { 'idempotency-key': key },
    json: {
      messages: [
        { role: 'system', content: 'You are the coach.' },
        { role: 'user', content: 'an emote' },
      ],
    },
  });

describe('cloud coach', () => {
  it('streams the upstream events and charges the coach price once per key', async () => {
    const start = await balance();
    const key = randomUUID();
    const r = await coach(key);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(r.text).toBe(EVENTS);
    expect(r.headers.get('x-credits-charged')).toBe(String(COACH_PRICE));
    expect(await balance()).toBe(start - COACH_PRICE);
    expect(sent.at(-1)).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'system' }, { role: 'user', content: 'an emote' }],
    });
    // The same key again: refused, not charged, not answered for free.
    const again = await coach(key);
    expect(again.status).toBe(409);
    expect(await balance()).toBe(start - COACH_PRICE);
  });

  it('needs an Idempotency-Key and a session, and validates the messages', async () => {
    const noKey = await h.call('POST', '/v1/generate/coach', {
      token: user.accessToken,
      json: { messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(noKey.status).toBe(400);
    const anonymous = await h.call('POST', '/v1/generate/coach', {
      headers: { 'idempotency-key': randomUUID() },
      json: { messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(anonymous.status).toBe(401);
    const badRole = await h.call('POST', '/v1/generate/coach', {
      token: user.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      json: { messages: [{ role: 'tool', content: 'hi' }] },
    });
    expect(badRole.status).toBe(400);
  });

  it('answers 402 when the balance is short, without calling the upstream', async () => {
    await h.api.deps.db
      .updateTable('users')
      .set({ balance: 0 })
      .where('id', '=', user.id)
      .execute();
    const calls = sent.length;
    const r = await coach(randomUUID());
    expect(r.status).toBe(402);
    expect(sent.length).toBe(calls);
    expect(await balance()).toBe(0);
  });
});
