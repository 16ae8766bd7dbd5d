/**
 * Test helpers: the real sync API (server/) listening on loopback with PGlite in memory and local
 * or S3 (s3rver) storage, plus a verified account to sign in with.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEFAULTS, type S3Config } from '../../../server/src/config';
import { startApiServer, type RunningApi } from '../../../server/src/index';

export interface SyncTestServer {
  url: string;
  port: number;
  api: RunningApi;
  dataDir: string;
  /** Signs up and verifies a fresh account; answers its credentials. */
  account(): Promise<{ email: string; password: string; username: string }>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let counter = 0;

export async function startSyncTestServer(options: {
  dataDir: string;
  partSize?: number;
  s3?: S3Config;
  /** The URL clients reach the API at (a proxy in front of it); default its own. */
  publicUrl?: (port: number) => string;
  port?: number;
  /** The OpenAI-compatible upstream of cloud generation (a fake one in tests). */
  openai?: { baseUrl: string; apiKey?: string };
}): Promise<SyncTestServer> {
  const port = options.port ?? (await freePort());
  fs.mkdirSync(options.dataDir, { recursive: true });
  const api = await startApiServer({
    port,
    host: '127.0.0.1',
    dataDir: options.dataDir,
    pgliteDir: path.join(options.dataDir, 'pglite'),
    publicUrl: options.publicUrl?.(port) ?? `http://127.0.0.1:${port}`,
    s3: options.s3,
    openai: options.openai,
    argon2: { ...DEFAULTS.argon2 },
    partSize: options.partSize ?? 5 * 1024 * 1024,
    quotaBytes: 4 * 1024 ** 3,
    starterCredits: 50,
    trustProxy: false,
    logStream: null,
    version: 'test',
    secret: randomBytes(32).toString('hex'),
  });
  const post = async (route: string, body: unknown): Promise<void> => {
    const response = await fetch(`${api.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${route} ${response.status} ${await response.text()}`);
  };
  return {
    url: api.url,
    port,
    api,
    dataDir: options.dataDir,
    async account() {
      counter += 1;
      const suffix = `${counter}_${randomBytes(3).toString('hex')}`;
      const account = {
        email: `creator${suffix}@example.com`,
        password: `correct horse ${suffix}`,
        username: `creator_${suffix}`,
      };
      await post('/v1/auth/signup', account);
      await post('/v1/auth/verify', {
        token: await lastToken(options.dataDir, account.email, api),
      });
      return account;
    },
    close: () => api.close(),
  };
}

/** The token of the last link the server mailed to `email` (its outbox folder). */
export async function lastToken(dataDir: string, email: string, api: RunningApi): Promise<string> {
  await api.idle();
  const dir = path.join(dataDir, 'outbox');
  const mails = fs
    .readdirSync(dir)
    .sort()
    .map((f) =>
      fs
        .readFileSync(path.join(dir, f), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '='),
    )
    .filter((mail) => mail.includes(`To: ${email}`));
  const match = /token=([A-Za-z0-9_-]+)/.exec(mails.at(-1) ?? '');
  if (!match?.[1]) throw new Error(`no token mailed to ${email}`);
  return match[1];
}
