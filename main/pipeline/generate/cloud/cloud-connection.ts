/**
 * Cloud generation through the sync API (`POST /v1/generate/*`, paid in credits) with the
 * signed-in session of main/sync's typed client: one Idempotency-Key per call, kept across its
 * retries so a retried call is never charged twice, and plain-words errors for "not signed in"
 * and "not enough credits" (with the balance and what was needed).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EndpointSpec } from '../../../../shared/api/define.api';
import { generateApi, PRICES, type GenerateAction } from '../../../../shared/api/generate.api';
import { meApi } from '../../../../shared/api/me.api';
import { AppError } from '../../../../shared/errors';
import type { CloudClient } from '../../../sync/cloud/cloud-client';
import { cloudDetails } from '../../../sync/cloud/cloud-errors';
import { ConcurrencyLimiter } from '../concurrency-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry';

/** The part of the cloud client cloud generation uses. */
export type CloudApi = Pick<CloudClient, 'call' | 'session'>;

type Endpoints = typeof generateApi;
type Body<A extends GenerateAction> = z.input<Endpoints[A]['body']>;
type Reply<A extends GenerateAction> = z.output<Endpoints[A]['response']>;

export interface CloudConnectionOptions {
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Makes the Idempotency-Key of each call (tests pin it). */
  newKey?: () => string;
}

export const NOT_SIGNED_IN =
  'Cloud generation needs a Reelsmith account: sign in on the Account page (or `reelsmith login`), ' +
  'or choose the offline or OpenAI-compatible provider.';

const LABEL: Record<GenerateAction, string> = {
  script: 'script',
  image: 'image',
  speech: 'voice',
  transcription: 'word timings',
};

export function credits(n: number): string {
  return `${String(n)} credit${n === 1 ? '' : 's'}`;
}

/** The "not enough credits" error every cloud path throws, with the numbers in `details`. */
export function notEnoughCredits(needed: number, balance: number, what: string): AppError {
  return new AppError(
    'PAYMENT_REQUIRED',
    `Not enough credits: ${what} needs ${credits(needed)}, you have ${credits(balance)}. ` +
      'Nothing was charged. Add credits on the Account page, or use the offline provider.',
    { details: { balance, needed }, retryable: false },
  );
}

export class CloudConnection {
  private readonly limiter: ConcurrencyLimiter;
  private readonly policy: RetryPolicy;
  private readonly newKey: () => string;

  constructor(
    private readonly api: CloudApi,
    options: CloudConnectionOptions = {},
  ) {
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 2);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.newKey = options.newKey ?? randomUUID;
  }

  /** Refuses clearly when nobody is signed in (before any work starts). */
  async assertSignedIn(): Promise<void> {
    if (!(await this.api.session())) throw new AppError('UNAUTHORIZED', NOT_SIGNED_IN);
  }

  /** The signed-in account's balance now. */
  async balance(signal?: AbortSignal): Promise<number> {
    await this.assertSignedIn();
    return (await this.api.call(meApi.get, { signal })).balance;
  }

  /**
   * Runs one paid call. Transient failures (offline, 5xx, 429) are retried with the SAME
   * Idempotency-Key, so the server charges it once whatever happens on the way back.
   */
  async call<A extends GenerateAction>(
    action: A,
    body: Body<A>,
    signal?: AbortSignal,
  ): Promise<Reply<A>> {
    await this.assertSignedIn();
    const idempotencyKey = this.newKey();
    // One loop for the four endpoints: their precise types come back through `Reply<A>`.
    const spec: EndpointSpec = generateApi[action];
    return this.limiter.run(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const reply = await this.api.call(spec, { body, idempotencyKey, signal });
          return reply as Reply<A>;
        } catch (error) {
          if (signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
          const next = await this.afterFailure(error, action, attempt, signal);
          if (next !== 'retry') throw next;
        }
      }
    });
  }

  /** The error to throw, or 'retry' once the backoff has been waited out. */
  private async afterFailure(
    error: unknown,
    action: GenerateAction,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<AppError | 'retry'> {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'PAYMENT_REQUIRED') {
      const balance = await this.balance(signal).catch(() => 0);
      return notEnoughCredits(PRICES[action], balance, `this ${LABEL[action]}`);
    }
    if (error.code === 'UNAUTHORIZED') return new AppError('UNAUTHORIZED', NOT_SIGNED_IN);
    const details = cloudDetails(error);
    const transient =
      details.status === 0 ||
      details.status === 408 ||
      details.status === 429 ||
      details.status >= 500;
    if (!transient || attempt >= this.policy.maxAttempts) {
      return new AppError(error.code, `${LABEL[action]} (cloud): ${error.message}`, {
        retryable: error.retryable,
        details: error.details,
        cause: error,
      });
    }
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    const wait =
      details.retryAfterMs !== undefined
        ? Math.min(details.retryAfterMs, this.policy.maxRetryAfterMs)
        : Math.floor(this.policy.random() * ceiling);
    await this.policy.sleep(wait, signal);
    return 'retry';
  }
}
