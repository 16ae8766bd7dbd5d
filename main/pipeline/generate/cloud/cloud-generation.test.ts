/**
 * Cloud generation against the REAL sync API in-process (PGlite) whose upstream is the fake
 * OpenAI server: a whole idea → project job paid in credits (ledger read back), short credits
 * refused up front with the balance and nothing made, a retried call with the same
 * Idempotency-Key charged once, and a clear "sign in" when signed out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICES } from '../../../../shared/api/generate.api';
import type {
  GenerationEstimate,
  GenerationJob,
} from '../../../../shared/contract/generate.contract';
import type { ErrorPayload } from '../../../../shared/errors';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { MemorySecretStore } from '../../../secrets/secret-store';
import { createServices, type Services } from '../../../services';
import { CloudClient } from '../../../sync/cloud/cloud-client';
import { MemorySessionVault } from '../../../sync/cloud/session-vault';
import { callOperation } from '../../../sync/testing/account';
import { startSyncTestServer, type SyncTestServer } from '../../../sync/testing/sync-test-server';
import { createMemoryLogger } from '../../../util/logger';
import { DEFAULT_FAKE_SCRIPT, FakeOpenAiServer } from '../testing/fake-openai.server';
import { CloudConnection } from './cloud-connection';

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
    env: { PATH: process.env.PATH, FFMPEG_BIN: process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg' },
    log: createMemoryLogger(),
    secretStore: new MemorySecretStore(),
    sync: { embedded: false },
    generation: { openAi: { retry: { sleep: () => Promise.resolve(), random: () => 0 } } },
  });
  services.settings.set({ cloudUrl: server.url });
}, 120_000);

afterAll(async () => {
  await services.close();
  await server.close();
  await fake.close();
}, 60_000);

const call = <T>(op: string, input: unknown) => callOperation<T>(services, op, input);

async function failure(op: string, input: unknown): Promise<ErrorPayload> {
  const result = await services.router.handle(op, input, { transport: 'in-process' });
  if (result.ok) throw new Error(`${op} should have failed`);
  return result.error;
}

const balance = async () => (await call<{ balance: number }>('account.me', {})).balance;
const ledger = async () =>
  (await call<{ entries: { delta: number; reason: string }[] }>('account.credits', { limit: 50 }))
    .entries;

async function waitForJob(jobId: string): Promise<GenerationJob> {
  return services.generation.wait(jobId);
}

const scenes = DEFAULT_FAKE_SCRIPT.segments.length;
const videoCost = PRICES.script + scenes * (PRICES.image + PRICES.speech + PRICES.transcription);

describe('cloud generation provider', () => {
  it('refuses clearly when nobody is signed in', async () => {
    const error = await failure('generate.start', { idea: 'octopus facts', provider: 'cloud' });
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toMatch(/needs a Reelsmith account: sign in/);
    const estimate = await call<GenerationEstimate>('generate.estimate', {
      provider: 'cloud',
      durationSec: 20,
    });
    expect(estimate).toMatchObject({ signedIn: false, balance: null, enough: null });
    expect(estimate.credits).toBe(videoCost);
  });

  it('runs a whole job on the cloud and charges the price list, read back from the ledger', async () => {
    await call('account.login', { email: account.email, password: account.password });
    const before = await balance();
    const entriesBefore = (await ledger()).length;
    const estimate = await call<GenerationEstimate>('generate.estimate', {
      provider: 'cloud',
      durationSec: 20,
    });
    expect(estimate).toMatchObject({
      signedIn: true,
      segments: scenes,
      credits: videoCost,
      balance: before,
      enough: true,
    });
    expect(estimate.summary).toContain(`About ${String(videoCost)} credits`);

    const started = await call<{ jobId: string; projectId: string }>('generate.start', {
      idea: 'three octopus facts',
      durationSec: 20,
      provider: 'cloud',
      language: 'de',
      voice: 'nova',
    });
    const job = await waitForJob(started.jobId);
    expect(job.error).toBeNull();
    expect(job.state).toBe('completed');

    const project = await services.generation.getProject(started.projectId);
    expect(project.segments).toHaveLength(scenes);
    expect(project.language).toBe('de');
    // Kept with the project, so a later voice regeneration speaks with the same voice.
    expect(project.voice).toBe('nova');
    expect(project.segments.every((s) => s.images[0]?.provider === 'cloud')).toBe(true);
    expect(project.segments.every((s) => (s.words?.length ?? 0) > 0)).toBe(true);
    // The wizard's language and voice are this job's, not a change of settings.
    expect(services.settings.get()).toMatchObject({ language: 'en', voice: 'alloy' });
    const spoken = fake.received.filter((r) => r.route === 'speech');
    expect(spoken.map((r) => (r.body as { voice?: string }).voice)).toEqual(
      Array(scenes).fill('nova'),
    );
    expect(
      spoken.every((r) => (r.body as { response_format?: string }).response_format === 'wav'),
    ).toBe(true);
    expect(spoken.every((r) => r.authorization === 'Bearer sk-upstream')).toBe(true);

    expect(await balance()).toBe(before - videoCost);
    const charges = (await ledger()).slice(0, (await ledger()).length - entriesBefore);
    expect(charges.reduce((sum, e) => sum + e.delta, 0)).toBe(-videoCost);
    expect(charges.filter((e) => e.reason === 'generate image')).toHaveLength(scenes);
    expect(charges.filter((e) => e.reason === 'generate script')).toHaveLength(1);
  }, 120_000);

  it('refuses a job the balance cannot pay before making or charging anything', async () => {
    const me = await call<{ id: string }>('account.me', {});
    await server.api.deps.db
      .updateTable('users')
      .set({ balance: 1 })
      .where('id', '=', me.id)
      .execute();
    const projectsBefore = (await call<{ total: number }>('projects.list', {})).total;
    const entriesBefore = (await ledger()).length;
    const upstreamBefore = fake.received.length;

    const estimate = await call<GenerationEstimate>('generate.estimate', {
      provider: 'cloud',
      durationSec: 20,
    });
    expect(estimate).toMatchObject({ balance: 1, enough: false });
    expect(estimate.summary).toMatch(/^Not enough credits/);

    const error = await failure('generate.start', {
      idea: 'too expensive',
      durationSec: 20,
      provider: 'cloud',
    });
    expect(error.code).toBe('PAYMENT_REQUIRED');
    expect(error.message).toMatch(
      new RegExp(
        `^Not enough credits: this video needs ${String(videoCost)} credits, you have 1 credit\\.`,
      ),
    );
    expect(error.details).toEqual({ balance: 1, needed: videoCost });
    expect((await call<{ total: number }>('projects.list', {})).total).toBe(projectsBefore);
    expect((await ledger()).length).toBe(entriesBefore);
    expect(fake.received.length).toBe(upstreamBefore);
    expect(await balance()).toBe(1);
  });

  it('says "not enough credits" with the balance when one call is refused', async () => {
    const connection = await signedInConnection();
    const error = await connection.call('image', { prompt: 'a banner' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'PAYMENT_REQUIRED',
      message: expect.stringMatching(
        /^Not enough credits: this image needs 4 credits, you have 1 credit\./,
      ),
      details: { balance: 1, needed: PRICES.image },
    });
  });

  it('retries a call whose answer was lost with the same Idempotency-Key, charging once', async () => {
    const me = await call<{ id: string }>('account.me', {});
    await server.api.deps.db
      .updateTable('users')
      .set({ balance: 20 })
      .where('id', '=', me.id)
      .execute();
    const keys: string[] = [];
    let lost = 0;
    const connection = await signedInConnection(async (input, init) => {
      const response = await fetch(input, init);
      const key = new Headers(init?.headers).get('idempotency-key');
      if (key) keys.push(key);
      // The server did the work and charged; the answer never arrives the first time.
      if (key && lost === 0) {
        lost += 1;
        await response.arrayBuffer();
        throw new TypeError('fetch failed: connection reset');
      }
      return response;
    });
    const before = await balance();
    const reply = await connection.call('script', { prompt: 'cats' });
    expect(reply.creditsCharged).toBe(PRICES.script);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(await balance()).toBe(before - PRICES.script);
    const entries = (await ledger()).filter((e) => e.reason === 'generate script');
    expect(entries.length).toBe(2); // the whole job's one + this one, not three
  });
});

/** A cloud connection of its own (its own client and session) over an optional fetch. */
async function signedInConnection(fetchImpl?: typeof fetch): Promise<CloudConnection> {
  const client = new CloudClient({
    baseUrl: () => server.url,
    vault: new MemorySessionVault(),
    fetch: fetchImpl,
  });
  await client.login(account.email, account.password);
  return new CloudConnection(client, {
    retry: { sleep: () => Promise.resolve(), random: () => 0 },
  });
}
