/**
 * The API's configuration, from the environment (`loadApiConfig`) or built by the caller (tests,
 * the CLI, the desktop app running the API in-process).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface S3Config {
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Base URL objects are read from (a CDN or public bucket URL); else presigned GET URLs. */
  publicUrl?: string | undefined;
}

export interface ApiConfig {
  port: number;
  host: string;
  /** postgres://...; absent: embedded PGlite in `dataDir/pglite` (or `memory://` when `dataDir` is absent). */
  databaseUrl?: string | undefined;
  /** PGlite's folder (`memory://` for a throw-away database); default `dataDir/pglite`. */
  pgliteDir?: string | undefined;
  /** Where PGlite, local objects, the email outbox and the generated secret live. */
  dataDir?: string | undefined;
  /** Base URL of this API as clients reach it (links in emails, local storage URLs). */
  publicUrl: string;
  s3?: S3Config | undefined;
  smtpUrl?: string | undefined;
  openai?: { baseUrl: string; apiKey?: string | undefined } | undefined;
  /** HMAC key for access tokens, signing keys and local storage URLs; generated when absent. */
  secret?: string | undefined;
  /** argon2id cost; never below memory 19 MiB, t = 2. */
  argon2: { memoryCost: number; timeCost: number };
  /** Multipart part size in bytes (S3 needs ≥ 5 MiB except the last part). */
  partSize: number;
  /** Per-user storage quota in bytes. */
  quotaBytes: number;
  starterCredits: number;
  /** Believe X-Forwarded-For (behind a proxy we run). */
  trustProxy: boolean;
  /** Where JSON log lines go; `null` for silence. */
  logStream?: NodeJS.WritableStream | null | undefined;
  version: string;
}

export const DEFAULTS = {
  argon2: { memoryCost: 19_456, timeCost: 2 },
  partSize: 8 * 1024 * 1024,
  quotaBytes: 5 * 1024 ** 3,
  starterCredits: 50,
} as const;

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Not a whole number: ${value}`);
  return n;
}

/** Reads the configuration from environment variables (README "Sync API"). */
export function loadApiConfig(env: NodeJS.ProcessEnv, version = '0.0.0'): ApiConfig {
  const port = int(env.PORT, 8787);
  const dataDir = env.SERVER_DATA_DIR ?? path.resolve('server-data');
  const s3: S3Config | undefined = env.S3_BUCKET
    ? {
        endpoint: env.S3_ENDPOINT,
        bucket: env.S3_BUCKET,
        region: env.S3_REGION ?? 'us-east-1',
        accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
        publicUrl: env.S3_PUBLIC_URL,
      }
    : undefined;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL,
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    s3,
    smtpUrl: env.SMTP_URL,
    openai: env.OPENAI_BASE_URL
      ? { baseUrl: env.OPENAI_BASE_URL.replace(/\/+$/, ''), apiKey: env.OPENAI_API_KEY }
      : undefined,
    secret: env.SERVER_SECRET,
    argon2: { ...DEFAULTS.argon2 },
    partSize: int(env.UPLOAD_PART_SIZE, DEFAULTS.partSize),
    quotaBytes: int(env.STORAGE_QUOTA_BYTES, DEFAULTS.quotaBytes),
    starterCredits: int(env.STARTER_CREDITS, DEFAULTS.starterCredits),
    trustProxy: env.TRUST_PROXY === '1',
    logStream: process.stderr,
    version,
  };
}

/** The server secret: configured, else stored in `dataDir/secret` (generated on first start). */
export function resolveSecret(config: ApiConfig): string {
  if (config.secret) return config.secret;
  if (!config.dataDir) return randomBytes(32).toString('hex');
  const file = path.join(config.dataDir, 'secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
