/**
 * Test harness: one in-process API instance (PGlite in memory unless `databaseUrl` is given, local
 * storage in a temp folder, email to the outbox) and helpers to call it like a client would.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULTS, type ApiConfig } from '../config';
import { createApi, type ApiInstance } from '../index';

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
  text: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  username: string;
  accessToken: string;
  refreshToken: string;
}

export interface CallOptions {
  token?: string | undefined;
  json?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

export class Harness {
  private counter = 0;
  constructor(
    readonly api: ApiInstance,
    readonly dataDir: string,
  ) {}

  async call(method: string, url: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (method === 'GET' || method === 'HEAD') body = undefined;
    else if (options.raw !== undefined) body = options.raw;
    else if (options.json !== undefined) body = JSON.stringify(options.json);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const target = url.replace(/^https?:\/\/[^/]+/, '');
    const response = await this.api.app.request(target, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  /** The emails in the outbox addressed to `email`, decoded enough to find links. */
  outbox(email: string): string[] {
    const dir = path.join(this.dataDir, 'outbox');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .sort()
      .map((f) =>
        fs
          .readFileSync(path.join(dir, f), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '='),
      )
      .filter((mail) => mail.includes(`To: ${email}`));
  }

  /** The token of the last link sent to `email`. */
  async lastToken(email: string): Promise<string> {
    await this.api.idle();
    const mails = this.outbox(email);
    const match = /token=([A-Za-z0-9_-]+)/.exec(mails.at(-1) ?? '');
    if (!match?.[1]) throw new Error(`no token mailed to ${email}`);
    return match[1];
  }

  /** Signs up, verifies and logs in a fresh user. */
  async user(
    client: 'web' | 'desktop' | 'script' = 'web',
  ): Promise<TestUser & { signingKey?: string }> {
    this.counter += 1;
    const suffix = `${this.counter}_${randomBytes(3).toString('hex')}`;
    const email = `user${suffix}@example.com`;
    const password = `correct horse ${suffix}`;
    const username = `user_${suffix}`;
    const signup = await this.call('POST', '/v1/auth/signup', {
      json: { email, password, username },
    });
    if (signup.status !== 201) throw new Error(`signup ${signup.status} ${signup.text}`);
    const verify = await this.call('POST', '/v1/auth/verify', {
      json: { token: await this.lastToken(email) },
    });
    if (verify.status !== 200) throw new Error(`verify ${verify.status} ${verify.text}`);
    const login = await this.call('POST', '/v1/auth/login', { json: { email, password, client } });
    if (login.status !== 200) throw new Error(`login ${login.status} ${login.text}`);
    return {
      id: login.body.user.id,
      email,
      password,
      username,
      accessToken: login.body.accessToken,
      refreshToken: login.body.refreshToken,
      signingKey: login.body.signingKey,
    };
  }

  async close(): Promise<void> {
    await this.api.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function testConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-api-'));
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    publicUrl: 'http://127.0.0.1:9',
    argon2: { ...DEFAULTS.argon2 },
    partSize: 64 * 1024,
    quotaBytes: 10 * 1024 * 1024,
    starterCredits: 50,
    trustProxy: false,
    logStream: null,
    version: 'test',
    secret: randomBytes(32).toString('hex'),
    ...overrides,
  };
}

/** An API on PGlite (in memory) unless the config names a PostgreSQL URL. */
export async function createHarness(overrides: Partial<ApiConfig> = {}): Promise<Harness> {
  const config = testConfig({ pgliteDir: 'memory://', ...overrides });
  const api = await createApi(config);
  return new Harness(api, config.dataDir ?? '');
}
