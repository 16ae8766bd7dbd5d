/**
 * Mounts one contract endpoint on a Hono router: authenticates, checks desktop request
 * signatures, parses params/query/body with the contract's zod schemas, applies Idempotency-Key
 * semantics, and answers JSON with the contract's status.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { EndpointSpec } from '../../../shared/api/define.api';
import { AppError } from '../../../shared/errors';
import { verifySignedRequest } from '../auth/signing';
import { authenticate } from '../auth/session-auth';
import type { AuthContext, Env } from '../deps';
import { runIdempotent } from './idempotency';

export interface RouteInput<B extends z.ZodType, Q extends z.ZodType> {
  c: Context<Env>;
  body: z.output<B>;
  query: z.output<Q>;
  /** The `:id` path parameter, checked to be a UUID (empty when the path has none). */
  id: string;
  /** The caller, or null when signed out (only for `auth: 'optional'` endpoints). */
  auth: AuthContext | null;
  /** The caller; throws 401 when signed out. */
  user: () => AuthContext;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

async function rawBody(c: Context<Env>): Promise<Uint8Array> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return new Uint8Array();
  return new Uint8Array(await c.req.arrayBuffer());
}

function parseJson(raw: Uint8Array): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as unknown;
  } catch {
    throw new AppError('VALIDATION', 'The request body is not valid JSON.');
  }
}

/** Authenticates, checks the desktop signature and parses the request of `spec`. */
async function prepare<B extends z.ZodType, Q extends z.ZodType>(
  c: Context<Env>,
  spec: EndpointSpec<B, Q>,
): Promise<{ input: RouteInput<B, Q>; raw: Uint8Array }> {
  const deps = c.var.deps;
  const id = c.req.param('id') ?? '';
  if (spec.path.includes(':id') && !UUID.test(id)) {
    throw new AppError('VALIDATION', 'The id in the path is not a valid id.');
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  const auth =
    spec.auth === 'none'
      ? null
      : await authenticate(deps.db, deps.secret, c.req.header('authorization'), nowSeconds);
  if (spec.auth === 'required' && !auth) {
    throw new AppError('UNAUTHORIZED', 'Sign in first (Authorization: Bearer <access token>).');
  }
  const raw = await rawBody(c);
  if (auth?.client === 'desktop' && c.req.method !== 'GET') {
    const url = new URL(c.req.url);
    await verifySignedRequest(
      deps.db,
      deps.secret,
      auth.sessionId,
      {
        method: c.req.method,
        pathWithQuery: url.pathname + url.search,
        body: raw,
        headers: c.req.raw.headers,
      },
      nowSeconds,
    );
  }
  const body = (spec.body ? spec.body.parse(parseJson(raw) ?? {}) : undefined) as z.output<B>;
  const query = (spec.query ? spec.query.parse(c.req.query()) : undefined) as z.output<Q>;
  const input: RouteInput<B, Q> = {
    c,
    body,
    query,
    id,
    auth,
    user: () => {
      if (!auth) throw new AppError('UNAUTHORIZED', 'Sign in first.');
      return auth;
    },
  };
  return { input, raw };
}

/** The request's Idempotency-Key; VALIDATION when missing or malformed. */
function idempotencyKey(c: Context<Env>): string {
  const key = c.req.header('idempotency-key') ?? '';
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('VALIDATION', 'An Idempotency-Key header (8-128 characters) is required.');
  }
  return key;
}

export function mount<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
  router: Hono<Env>,
  spec: EndpointSpec<B, Q, R>,
  handler: (input: RouteInput<B, Q>) => Promise<z.input<R>>,
): void {
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](spec.path, async (c) => {
    const { input, raw } = await prepare(c, spec);
    const status = spec.status ?? 200;
    if (spec.idempotent) {
      const key = idempotencyKey(c);
      const caller = input.user();
      const result = await runIdempotent(
        c.var.deps.db,
        caller.userId,
        key,
        c.req.method,
        c.req.path,
        raw,
        async () => ({
          status,
          body: await handler({ ...input, c }),
        }),
      );
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status as 200);
    }
    return c.json(await handler(input), status as 200);
  });
}

/**
 * Mounts an endpoint that answers a stream (`spec.contentType`) rather than JSON: the same
 * authentication, signature check and parsing as `mount`. A stream cannot be replayed, so an
 * idempotent one gets its key checked here and passed on; the handler makes its charge with it
 * (a retried request is never charged twice).
 */
export function mountStream<B extends z.ZodType, Q extends z.ZodType>(
  router: Hono<Env>,
  spec: EndpointSpec<B, Q>,
  handler: (input: RouteInput<B, Q>, idempotencyKey: string) => Promise<Response>,
): void {
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](spec.path, async (c) => {
    const { input } = await prepare(c, spec);
    const key = spec.idempotent ? idempotencyKey(c) : '';
    return handler(input, key);
  });
}
