import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICES } from '../../../shared/api/generate.api';
import { createHarness, type Harness, type TestUser } from '../testing/harness';
import { fakeUpstream } from '../testing/scenarios';

let h: Harness;
let user: TestUser;
let failing = false;
beforeAll(async () => {
  h = await createHarness({ openai: { baseUrl: 'http://upstream.invalid', apiKey: 'sk-test' } });
  fakeUpstream(h, () => failing);
  user = await h.user();
}, 60_000);
afterAll(async () => {
  await h.close();
});

const balance = async () =>
  (await h.call('GET', '/v1/me', { token: user.accessToken })).body.balance as number;

describe('cloud generation', () => {
  it('publishes its prices', async () => {
    const r = await h.call('GET', '/v1/prices');
    expect(r.body).toEqual({ currency: 'credits', prices: PRICES });
  });

  it('charges the price, replays an Idempotency-Key without charging again, 422 on another body', async () => {
    const start = await balance();
    const key = randomUUID();
    const call = (prompt: string) =>
      h.call('POST', '/v1/generate/script', {
        token: user.accessToken,
        headers: { 'idempotency-key': key },
        json: { prompt },
      });
    const first = await call('cats');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      text: 'A script.',
      creditsCharged: PRICES.script,
      balance: start - PRICES.script,
    });
    const again = await call('cats');
    expect(again.body).toEqual(first.body);
    expect(await balance()).toBe(start - PRICES.script);
    expect((await call('dogs')).status).toBe(422);
  });

  it('refunds when the upstream fails', async () => {
    const start = await balance();
    failing = true;
    const r = await h.call('POST', '/v1/generate/script', {
      token: user.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      json: { prompt: 'cats' },
    });
    failing = false;
    expect(r.status).toBe(502);
    expect(await balance()).toBe(start);
    const ledger = await h.call('GET', '/v1/me/credits?limit=2', { token: user.accessToken });
    expect(ledger.body.entries.map((e: { delta: number }) => e.delta)).toEqual([
      PRICES.script,
      -PRICES.script,
    ]);
  });

  it('answers 402 when the balance is too low, and pages the ledger', async () => {
    await h.api.deps.db
      .updateTable('users')
      .set({ balance: 1 })
      .where('id', '=', user.id)
      .execute();
    const r = await h.call('POST', '/v1/generate/image', {
      token: user.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      json: { prompt: 'a banner' },
    });
    expect(r.status).toBe(402);
    const page1 = await h.call('GET', '/v1/me/credits?limit=2', { token: user.accessToken });
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await h.call(
      'GET',
      `/v1/me/credits?limit=2&cursor=${page1.body.nextCursor as string}`,
      {
        token: user.accessToken,
      },
    );
    expect(Number(page2.body.entries[0].id)).toBeLessThan(Number(page1.body.entries[1].id));
  });
});
