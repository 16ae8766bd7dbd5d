/**
 * Retries of provider calls: full-jitter exponential backoff on 429 and 5xx, honouring
 * `Retry-After` (seconds or an HTTP date) and `retry-after-ms` when the server sends them.
 *
 * The SDK's own retries are turned off (`maxRetries: 0`) so this is the one policy, testable
 * with an injected clock and random source.
 */
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../../../shared/errors';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest `Retry-After` honoured; a server asking for more fails the call instead. */
  maxRetryAfterMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  sleep: abortableSleep,
  random: Math.random,
};

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Cancelled.');
}

/** Milliseconds the server asked us to wait, or null when it did not say. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const msHeader = headers.get('retry-after-ms');
  const ms = Number(msHeader);
  if (msHeader !== null && msHeader.trim() !== '' && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The SDK's HTTP error, with its generics at their defaults (`instanceof` alone infers `any`). */
function asApiError(error: unknown): APIError | null {
  return error instanceof APIError ? (error as APIError) : null;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError) return true;
  const status = asApiError(error)?.status;
  return typeof status === 'number' && (status === 429 || status === 408 || status >= 500);
}

/**
 * Turns an SDK failure into an AppError a creator can act on.
 *
 * `what` names the capability ("script", "image" ...), so the job's failure reason reads
 * "image: the server said 401 ...".
 */
export function describeProviderError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof APIUserAbortError) return cancelled();
  if (error instanceof APIConnectionError) {
    return new AppError('PROVIDER', `${what}: cannot reach the server (${error.message}).`, {
      retryable: true,
      cause: error,
    });
  }
  const apiError = asApiError(error);
  if (apiError) {
    const status = apiError.status ?? 0;
    const code =
      status === 401 || status === 403
        ? 'UNAUTHORIZED'
        : status === 429
          ? 'RATE_LIMITED'
          : 'PROVIDER';
    const hint = status === 401 ? ' Check the API key (Settings → Generation).' : '';
    return new AppError(
      code,
      `${what}: the server answered ${status}: ${apiError.message}.${hint}`,
      {
        retryable: status === 429 || status >= 500,
        details: { status },
        cause: error,
      },
    );
  }
  return new AppError('PROVIDER', `${what}: ${(error as Error).message}`, { cause: error });
}

/** Runs `call`, retrying transient failures; rejects with a readable AppError. */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  options: { signal?: AbortSignal; policy?: Partial<RetryPolicy> } = {},
): Promise<T> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (options.signal?.aborted) throw cancelled();
      if (!isRetryable(error) || attempt >= policy.maxAttempts) {
        throw describeProviderError(error, what);
      }
      const asked = retryAfterMs(asApiError(error)?.headers);
      if (asked !== null && asked > policy.maxRetryAfterMs)
        throw describeProviderError(error, what);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = asked ?? Math.floor(policy.random() * ceiling);
      await policy.sleep(delay, options.signal);
    }
  }
}
