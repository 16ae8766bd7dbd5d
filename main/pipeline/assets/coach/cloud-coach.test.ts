/**
 * The coach on the Reelsmith cloud against the REAL sync API in-process (PGlite) whose upstream
 * is the fake OpenAI server: a reply streams back as the same events as the OpenAI-compatible
 * coach, costs COACH_PRICE (read back from the ledger), is refused with PAYMENT_REQUIRED and the
 * balance when credits are short (nothing sent upstream), refunded when the upstream fails, and
 * signed out it says to sign in.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COACH_PRICE } from '../../../../shared/api/generate.api';
import type { CoachEvent, CoachReply } from '../../../../shared/contract/assets.contract';
import type { ErrorPayload } from '../../../../shared/errors';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { MemorySecretStore } from '../../../secrets/secret-store';
import { createServices, type Services } from '../../../services';
import { startSyncTestServer, type SyncTestServer } from '../../../sync/testing/sync-test-server';
import { createMemoryLogger } from '../../../util/logger';
import { FakeOpenAiServer } from '../../generate/testing/fake-openai.server';

const tempDir = useTempDirs();
let fake: FakeOpenAiServer;
let server: SyncTestServer;
let services: Services;
let account: { email: string; password: string; username: string };

beforeAll(async () => {
  fake = await FakeOpenAiServer.start();
  server = await startSyncTestServer({
    dataDir: tempDir(),
    openai: { baseUrl: fake.baseUrl, apiKey: 'sk-upstream' },
  });
  account = await server.account();
  services = createServices({
    dataDir: tempDir(),
    shell: 'test',
    lock: false,
    log: createMemoryLogger(),
    secretStore: new MemorySecretStore(),
    sync: { embedded: false },
  });
  services.settings.set({ cloudUrl: server.url });
}, 120_000);

afterAll(async () => {
  await services.close();
  await server.close();
  await fake.close();
}, 60_000);

async function call<T>(op: string, input: unknown): Promise<T> {
  const result = await services.router.handle(op, input, { transport: 'in-process' });
  if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function failure(op: string, input: unknown): Promise<ErrorPayload> {
  const result = await services.router.handle(op, input, { transport: 'in-process' });
  if (result.ok) throw new Error(`${op} should have failed`);
  return result.error;
}

const balance = async () => (await call<{ balance: number }>('account.me', {})).balance;
const ledger = async () =>
  (await call<{ entries: { delta: number; reason: string }[] }>('account.credits', { limit: 5 }))
    .entries;

const turn = (chatId: string) => ({
  chatId,
  messages: [{ role: 'user', content: 'an emote of my fox saying GG' }],
  assetType: 'twitch_emote',
  provider: 'cloud',
});

/** The types of the coach events of one chat, in order. */
function recordEvents(chatId: string): { types: string[]; events: CoachEvent[] } {
  const events: CoachEvent[] = [];
  services.events.on('assets.coach', (e) => {
    if (e.chatId === chatId) events.push(e);
  });
  return {
    events,
    get types() {
      return events.map((e) => e.type);
    },
  };
}

describe('the coach on the cloud', () => {
  it('says to sign in when nobody is', async () => {
    const error = await failure('assets.coach', turn(randomUUID()));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/needs a Reelsmith account: sign in/);
    expect(fake.count('chat')).toBe(0);
  });

  it('streams a reply with a brief, charged the coach price', async () => {
    await call('account.login', { email: account.email, password: account.password });
    const before = await balance();
    const brief = {
      assetType: 'twitch_emote',
      subject: 'a fox saying GG',
      style: 'bold cartoon',
      text: 'GG',
      colors: ['#ff6d00'],
    };
    fake.enqueue('chat', {
      chatContent: `A bold cartoon fox it is, with GG in big letters.\n\`\`\`brief\n${JSON.stringify(brief)}\n\`\`\``,
    });
    const chatId = randomUUID();
    const seen = recordEvents(chatId);
    const reply = await call<CoachReply>('assets.coach', turn(chatId));

    expect(reply).toMatchObject({
      reply: 'A bold cartoon fox it is, with GG in big letters.',
      brief,
    });
    const types = seen.types;
    expect(types.filter((t) => t === 'token').length).toBeGreaterThan(1);
    expect(types.slice(-2)).toEqual(['intent_ready', 'done']);
    expect(types.indexOf('grounding_complete')).toBeLessThan(types.indexOf('token'));
    const streamed = seen.events
      .map((e) => (e.type === 'token' ? e.text : ''))
      .join('')
      .trim();
    expect(streamed).toBe(reply.reply);

    // Upstream: a streaming chat completion with the server's model and key, our prompt.
    const sent = fake.received.filter((r) => r.route === 'chat').at(-1);
    const body = sent?.body as { stream: boolean; model: string; messages: { content: string }[] };
    expect(body).toMatchObject({ stream: true, model: 'gpt-4o-mini' });
    expect(body.messages[0]?.content).toMatch(/asset coach of Reelsmith/);
    expect(body.messages.at(-1)?.content).toBe('an emote of my fox saying GG');
    expect(sent?.authorization).toBe('Bearer sk-upstream');

    expect(await balance()).toBe(before - COACH_PRICE);
    expect((await ledger())[0]).toMatchObject({ delta: -COACH_PRICE, reason: 'generate coach' });
  });

  it('refunds when the upstream fails, with an error event', async () => {
    const before = await balance();
    fake.enqueue('chat', { status: 400, body: { error: { message: 'bad request' } } });
    const chatId = randomUUID();
    const seen = recordEvents(chatId);
    const error = await failure('assets.coach', turn(chatId));
    expect(error.code).toBe('UPSTREAM');
    expect(error.message).toMatch(/refunded/);
    expect(seen.types.at(-1)).toBe('error');
    expect(await balance()).toBe(before);
    expect((await ledger()).slice(0, 2).map((e) => e.delta)).toEqual([COACH_PRICE, -COACH_PRICE]);
  });

  it('refuses with PAYMENT_REQUIRED and the balance when credits are short', async () => {
    const me = await call<{ id: string }>('account.me', {});
    await server.api.deps.db
      .updateTable('users')
      .set({ balance: 0 })
      .where('id', '=', me.id)
      .execute();
    const upstream = fake.count('chat');
    const error = await failure('assets.coach', turn(randomUUID()));
    expect(error.code).toBe('PAYMENT_REQUIRED');
    expect(error.message).toMatch(/a coach reply needs 1 credit, you have 0 credits/);
    expect(error.details).toEqual({ balance: 0, needed: COACH_PRICE });
    expect(fake.count('chat')).toBe(upstream);
    expect(await balance()).toBe(0);
  });
});
