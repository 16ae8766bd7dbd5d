/**
 * What every route and service of one API instance shares, and the Hono environment carrying it.
 */
import type { ApiConfig } from './config';
import type { Db } from './db/database';
import type { Log } from './http/logger';
import type { Mailer } from './mail/mailer';
import type { ObjectStorage } from './storage/storage';
import type { PasswordHasher } from './auth/passwords';
import type { Background } from './http/background';

export interface AppDeps {
  config: ApiConfig;
  db: Db;
  storage: ObjectStorage;
  mailer: Mailer;
  log: Log;
  /** HMAC key of this deployment (shared by every instance). */
  secret: string;
  passwords: PasswordHasher;
  background: Background;
  /** The upstream HTTP client for cloud generation (global fetch unless a test swaps it). */
  fetch: typeof fetch;
}

/** The caller of an authenticated request. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  client: 'desktop' | 'web' | 'script';
}

export interface Env {
  Variables: { requestId: string; deps: AppDeps };
}
