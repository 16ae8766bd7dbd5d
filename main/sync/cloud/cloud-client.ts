/**
 * The typed client of the hosted sync API: one `call()` per `shared/api` endpoint, with the
 * desktop session (secret store), refresh-token rotation (one refresh at a time; a 401 refreshes
 * once, then the session ends with a `sync.session` event), request signing and reachability.
 */
import type { z } from 'zod';
import { authApi, type PublicUser, type SessionTokens } from '../../../shared/api/auth.api';
import type { EndpointSpec } from '../../../shared/api/define.api';
import { AppError } from '../../../shared/errors';
import { cloudDetails, httpError, offlineError } from './cloud-errors';
import { signatureHeaders } from './request-signing';
import type { SessionVault, StoredSession } from './session-vault';

export interface CallArgs<B extends z.ZodType, Q extends z.ZodType> {
  /** The `:id` path parameter. */
  id?: string;
  body?: z.input<B>;
  query?: z.input<Q>;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Overrides the client's per-request timeout (a streamed reply takes longer). */
  timeoutMs?: number;
}

export interface CloudClientOptions {
  /** The API base URL now (settings or the embedded server); throws when none is available. */
  baseUrl: () => string;
  vault: SessionVault;
  /** Told when the session starts or ends (reason set when it ended without the user asking). */
  onSession?: (user: PublicUser | null, reason: string | null) => void;
  /** Told after every request whether the server answered. */
  onReachability?: (reachable: boolean) => void;
  fetch?: typeof fetch;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 30_000;

export class CloudClient {
  private cached: StoredSession | null | undefined;
  private refreshing: Promise<StoredSession | null> | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: CloudClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  baseUrl(): string {
    return this.options.baseUrl().replace(/\/+$/, '');
  }

  /** The stored session for the current API, or null. */
  async session(): Promise<StoredSession | null> {
    if (this.cached === undefined) this.cached = await this.options.vault.load();
    if (this.cached && this.cached.serverUrl !== this.baseUrl()) return null;
    return this.cached;
  }

  /** Opens a desktop session and stores it. */
  async login(email: string, password: string): Promise<StoredSession> {
    const tokens = await this.call(authApi.login, { body: { email, password, client: 'desktop' } });
    const session = this.fromTokens(tokens);
    await this.store(session);
    this.options.onSession?.(session.user, null);
    return session;
  }

  /** Ends the session on the server (best effort) and forgets it. */
  async logout(): Promise<void> {
    if (await this.session()) {
      try {
        await this.call(authApi.logout, {});
      } catch {
        // Offline or already ended: forgetting it here is what the user asked for.
      }
    }
    await this.forget(null);
  }

  /** Calls one endpoint; answers its parsed response or throws an AppError. */
  async call<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
    spec: EndpointSpec<B, Q, R>,
    args: CallArgs<B, Q>,
  ): Promise<z.output<R>> {
    const useSession = spec.auth !== 'none';
    let session = useSession ? await this.freshSession() : null;
    if (spec.auth === 'required' && !session) {
      throw new AppError('UNAUTHORIZED', 'Sign in to your Reelsmith account first.');
    }
    let response = await this.send(spec, args, session);
    if (response.status === 401 && session) {
      session = await this.refresh(session);
      if (!session) {
        if (spec.auth === 'required') {
          throw new AppError('UNAUTHORIZED', 'Your session has ended; sign in again.');
        }
      }
      response = await this.send(spec, args, session);
    }
    return this.parse(spec, response);
  }

  /**
   * Calls an endpoint that answers a stream (`spec.contentType`): the response once the server
   * said OK, its body unread; an AppError otherwise, as `call` throws. Same session handling.
   */
  async open<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
    spec: EndpointSpec<B, Q, R>,
    args: CallArgs<B, Q>,
  ): Promise<Response> {
    let session = await this.freshSession();
    if (!session) throw new AppError('UNAUTHORIZED', 'Sign in to your Reelsmith account first.');
    let response = await this.send(spec, args, session);
    if (response.status === 401) {
      session = await this.refresh(session);
      if (!session) throw new AppError('UNAUTHORIZED', 'Your session has ended; sign in again.');
      response = await this.send(spec, args, session);
    }
    if (!response.ok) await this.parse(spec, response);
    return response;
  }

  private async send<B extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
    spec: EndpointSpec<B, Q, R>,
    args: CallArgs<B, Q>,
    session: StoredSession | null,
  ): Promise<Response> {
    let path = spec.path;
    if (path.includes(':id')) {
      if (!args.id) throw new AppError('VALIDATION', `${spec.path} needs an id.`);
      path = path.replace(':id', encodeURIComponent(args.id));
    }
    if (args.query !== undefined) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(
        args.query as Record<string, string | number | boolean | undefined>,
      )) {
        if (value !== undefined) params.set(key, String(value));
      }
      const search = params.toString();
      if (search) path += `?${search}`;
    }
    const body =
      spec.method === 'GET' || args.body === undefined
        ? new Uint8Array()
        : new TextEncoder().encode(JSON.stringify(args.body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body.length > 0) headers['content-type'] = 'application/json';
    if (args.idempotencyKey) headers['idempotency-key'] = args.idempotencyKey;
    if (session) {
      headers.authorization = `Bearer ${session.accessToken}`;
      if (session.signingKey && spec.method !== 'GET') {
        Object.assign(headers, signatureHeaders(session.signingKey, spec.method, path, body));
      }
    }
    const base = this.baseUrl();
    const timeout = AbortSignal.timeout(args.timeoutMs ?? this.options.timeoutMs ?? 30_000);
    const signal = args.signal ? AbortSignal.any([args.signal, timeout]) : timeout;
    try {
      const response = await this.fetchImpl(`${base}${path}`, {
        method: spec.method,
        headers,
        body: body.length > 0 ? body : undefined,
        signal,
      });
      this.options.onReachability?.(true);
      return response;
    } catch (error) {
      if (args.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.', { cause: error });
      this.options.onReachability?.(false);
      throw offlineError(base, error);
    }
  }

  private async parse<R extends z.ZodType>(
    spec: EndpointSpec<z.ZodType, z.ZodType, R>,
    response: Response,
  ): Promise<z.output<R>> {
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const message =
        typeof json === 'object' && json !== null && 'message' in json
          ? String(json.message)
          : `${spec.method} ${spec.path} answered ${response.status}.`;
      throw httpError(response.status, message, response.headers.get('retry-after'));
    }
    const parsed = spec.response.safeParse(json ?? {});
    if (!parsed.success) {
      throw new AppError('UPSTREAM', `The sync API answered ${spec.path} in an unexpected shape.`, {
        retryable: false,
        details: { status: response.status },
      });
    }
    return parsed.data;
  }

  /** The session, refreshed first when its access token is about to expire. */
  private async freshSession(): Promise<StoredSession | null> {
    const session = await this.session();
    if (session && session.accessExpiresAt - REFRESH_MARGIN_MS < Date.now()) {
      return this.refresh(session);
    }
    return session;
  }

  /**
   * Rotates the refresh token; one refresh at a time (two would look like token reuse and end the
   * session). A refused refresh ends the session; an unreachable server keeps it.
   */
  private refresh(stale: StoredSession): Promise<StoredSession | null> {
    this.refreshing ??= (async () => {
      try {
        // Another process (CLI, studio) may have rotated it already.
        const stored = await this.options.vault.load();
        const current =
          stored &&
          stored.refreshToken !== stale.refreshToken &&
          stored.serverUrl === stale.serverUrl
            ? stored
            : null;
        if (current && current.accessExpiresAt - REFRESH_MARGIN_MS > Date.now()) {
          this.cached = current;
          return current;
        }
        const from = current ?? stale;
        const response = await this.send(
          authApi.refresh,
          { body: { refreshToken: from.refreshToken } },
          null,
        );
        try {
          const tokens = await this.parse(authApi.refresh, response);
          const next = this.fromTokens(tokens, from.signingKey);
          await this.store(next);
          return next;
        } catch (error) {
          if (cloudDetails(error).status === 401 || cloudDetails(error).status === 403) {
            await this.forget('The server ended this session; sign in again.');
            return null;
          }
          throw error;
        }
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private fromTokens(tokens: SessionTokens, signingKey: string | null = null): StoredSession {
    return {
      serverUrl: this.baseUrl(),
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessExpiresAt: Date.now() + tokens.expiresIn * 1000,
      signingKey: tokens.signingKey ?? signingKey,
      user: tokens.user,
    };
  }

  private async store(session: StoredSession): Promise<void> {
    this.cached = session;
    await this.options.vault.save(session);
  }

  private async forget(reason: string | null): Promise<void> {
    const had = (await this.session()) !== null;
    this.cached = null;
    await this.options.vault.clear();
    if (had || reason === null) this.options.onSession?.(null, reason);
  }
}
