/**
 * The cloud client's session handling against the real sync API on loopback: a 401 refreshes
 * once (rotating the refresh token) and retries; a refused refresh signs out with an event.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { meApi } from '../../../shared/api/me.api';
import type { PublicUser } from '../../../shared/api/auth.api';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { startHttpFaultProxy, type HttpFaultProxy } from '../testing/http-fault-proxy';
import { startSyncTestServer, type SyncTestServer } from '../testing/sync-test-server';
import { CloudClient } from './cloud-client';
import { MemorySessionVault } from './session-vault';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}, 60_000);

interface Setup {
  server: SyncTestServer;
  proxy: HttpFaultProxy;
  vault: MemorySessionVault;
  client: CloudClient;
  sessions: { user: PublicUser | null; reason: string | null }[];
}

async function setup(): Promise<Setup> {
  const server = await startSyncTestServer({ dataDir: path.join(tempDir(), 'server') });
  cleanups.push(() => server.close());
  const proxy = await startHttpFaultProxy(server.url);
  cleanups.push(() => proxy.close());
  const vault = new MemorySessionVault();
  const sessions: Setup['sessions'] = [];
  const client = new CloudClient({
    baseUrl: () => proxy.url,
    vault,
    onSession: (user, reason) => sessions.push({ user, reason }),
  });
  const account = await server.account();
  await client.login(account.email, account.password);
  return { server, proxy, vault, client, sessions };
}

const count = (proxy: HttpFaultProxy, route: string): number =>
  proxy.seen.filter((r) => r.path === route).length;

describe('cloud client sessions', () => {
  it('answers a 401 with one refresh (rotating the refresh token) and retries the call', async () => {
    const s = await setup();
    const before = await s.vault.load();
    // The server no longer accepts this access token (as after a key rotation); not yet expired here.
    await s.vault.save({ ...before!, accessToken: `${before!.accessToken}x` });
    const fresh = new CloudClient({ baseUrl: () => s.proxy.url, vault: s.vault });
    const me = await fresh.call(meApi.get, {});
    expect(me.username).toBe(before!.user.username);
    expect(count(s.proxy, '/v1/auth/refresh')).toBe(1);
    expect(count(s.proxy, '/v1/me')).toBe(2);
    const after = await s.vault.load();
    expect(after?.refreshToken).not.toBe(before!.refreshToken);
    expect(after?.accessToken).not.toBe(`${before!.accessToken}x`);
  }, 60_000);

  it('signs out with an event when the refresh is refused too, after exactly one refresh', async () => {
    const s = await setup();
    const before = await s.vault.load();
    await s.vault.save({
      ...before!,
      accessToken: `${before!.accessToken}x`,
      refreshToken: `${before!.refreshToken}x`,
    });
    const events: { user: PublicUser | null; reason: string | null }[] = [];
    const fresh = new CloudClient({
      baseUrl: () => s.proxy.url,
      vault: s.vault,
      onSession: (user, reason) => events.push({ user, reason }),
    });
    await expect(fresh.call(meApi.get, {})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/session has ended; sign in again/) as unknown,
    });
    expect(count(s.proxy, '/v1/auth/refresh')).toBe(1);
    expect(count(s.proxy, '/v1/me')).toBe(1);
    expect(events).toEqual([
      { user: null, reason: expect.stringMatching(/sign in again/) as unknown },
    ]);
    expect(await s.vault.load()).toBeNull();
    expect(await fresh.session()).toBeNull();
  }, 60_000);
});
