/**
 * The hosted sync API as a library: `createApi` builds an instance (for tests and in-process use),
 * `startApiServer` also listens on a port. Used by `npm run api`, `reelsmith api` and, later, the
 * desktop app.
 */
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app';
import { createPasswordHasher } from './auth/passwords';
import { pruneNonces } from './auth/signing';
import { loadApiConfig, resolveSecret, type ApiConfig } from './config';
import { openDatabase } from './db/connect';
import type { AppDeps, Env } from './deps';
import { Background } from './http/background';
import { createJsonLog } from './http/logger';
import { createMailer } from './mail/mailer';
import { LocalStorage } from './storage/local-storage';
import { S3Storage } from './storage/s3-storage';

export { loadApiConfig, type ApiConfig } from './config';

export interface ApiInstance {
  app: Hono<Env>;
  deps: AppDeps;
  /** Waits for background work (sha256 verification, emails). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface RunningApi extends ApiInstance {
  url: string;
  port: number;
}

export async function createApi(config: ApiConfig): Promise<ApiInstance> {
  const log = createJsonLog(config.logStream);
  const secret = resolveSecret(config);
  const dataDir = config.dataDir;
  const database = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir ?? (dataDir ? path.join(dataDir, 'pglite') : 'memory://'),
  });
  const storage = config.s3
    ? new S3Storage(config.s3)
    : new LocalStorage(
        path.join(dataDir ?? path.resolve('server-data'), 'storage'),
        config.publicUrl,
        secret,
      );
  const background = new Background(log);
  const deps: AppDeps = {
    config,
    db: database.db,
    storage,
    mailer: createMailer({
      smtpUrl: config.smtpUrl,
      outboxDir: path.join(dataDir ?? path.resolve('server-data'), 'outbox'),
      log,
    }),
    log,
    secret,
    passwords: createPasswordHasher(config.argon2),
    background,
    fetch: (input, init) => fetch(input, init),
  };
  const app = createApp(deps);
  // Nonces older than the signature window can no longer pass; forget them now and then.
  const pruning = setInterval(
    () => background.run('prune nonces', () => pruneNonces(database.db)),
    5 * 60_000,
  );
  pruning.unref();
  return {
    app,
    deps,
    idle: () => background.idle(),
    close: async () => {
      clearInterval(pruning);
      await background.idle();
      if (storage instanceof S3Storage) storage.close();
      await database.close();
    },
  };
}

/** Starts an API instance listening on `config.host:config.port` (0: a free port). */
export async function startApiServer(config: ApiConfig): Promise<RunningApi> {
  const instance = await createApi(config);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve(
      { fetch: instance.app.fetch, port: config.port, hostname: config.host },
      (info) => resolve(info.port),
    );
    server.once('error', reject);
  });
  const opened = server;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  instance.deps.log.info('api listening', {
    url,
    database: config.databaseUrl ? 'postgres' : 'pglite',
  });
  return {
    ...instance,
    url,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        if (!opened) return resolve();
        if ('closeAllConnections' in opened) opened.closeAllConnections();
        opened.close(() => resolve());
      });
      await instance.close();
    },
  };
}

/** `npm run api`: configuration from the environment, stops on SIGINT/SIGTERM. */
export async function runFromEnv(env: NodeJS.ProcessEnv, version: string): Promise<RunningApi> {
  return startApiServer(loadApiConfig(env, version));
}
