/**
 * Builds the `openai` SDK client for any OpenAI-compatible server (OpenAI, Ollama, LM Studio,
 * vLLM), and the pieces every OpenAI provider shares: retries, a concurrency limit, a timeout.
 */
import OpenAI from 'openai';
import { ConcurrencyLimiter } from '../concurrency-limiter';
import { withRetry, type RetryPolicy } from '../retry';

export interface OpenAiConfig {
  /** null = https://api.openai.com/v1 */
  baseUrl: string | null;
  /** Local servers (Ollama, LM Studio) accept any key; OpenAI needs a real one. */
  apiKey: string | null;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Requests in flight at once for this provider. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
}

/** The SDK client plus the call policy every capability goes through. */
export class OpenAiConnection {
  readonly client: OpenAI;
  private readonly limiter: ConcurrencyLimiter;

  constructor(private readonly config: OpenAiConfig) {
    this.client = new OpenAI({
      // The SDK refuses an empty key; local servers ignore the value.
      apiKey: config.apiKey ?? 'not-needed',
      baseURL: config.baseUrl ?? undefined,
      timeout: config.timeoutMs ?? 120_000,
      // Our own policy (full jitter, Retry-After, readable errors) replaces the SDK's retries.
      maxRetries: 0,
    });
    this.limiter = new ConcurrencyLimiter(config.concurrency ?? 2);
  }

  /** Runs one request under the concurrency limit and the retry policy. */
  call<T>(what: string, request: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.limiter.run(() => withRetry(what, request, { signal, policy: this.config.retry }));
  }
}
