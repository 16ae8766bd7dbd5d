/**
 * The sync API's `{ statusCode, error, message }` answers and network failures as AppErrors that
 * say whether trying again can help (`retryable`) and how long the server asked us to wait.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';

/** What the queue needs to decide between retrying and giving up. */
export interface CloudErrorDetails {
  /** HTTP status, or 0 when no answer came (offline, reset, timeout). */
  status: number;
  /** From `Retry-After`, in ms. */
  retryAfterMs?: number;
  /** True when the server could not be reached at all. */
  offline?: boolean;
}

const CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHORIZED',
  402: 'PAYMENT_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED',
  422: 'UNPROCESSABLE',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
};

/** 4xx answers other than 408 and 429 will fail the same way again. */
export function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Parses `Retry-After` (seconds or an HTTP date) into ms; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function httpError(status: number, message: string, retryAfter?: string | null): AppError {
  const details: CloudErrorDetails = { status };
  const retryAfterMs = parseRetryAfter(retryAfter);
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  const code =
    CODES[status] ?? (status === 408 ? 'UPSTREAM' : status >= 500 ? 'UPSTREAM' : 'UPSTREAM');
  return new AppError(code, message || `The sync API answered ${status}.`, {
    details,
    retryable: !isPermanentStatus(status),
  });
}

export function offlineError(serverUrl: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('UPSTREAM', `Cannot reach the sync API at ${serverUrl} (${reason}).`, {
    details: { status: 0, offline: true } satisfies CloudErrorDetails,
    retryable: true,
    cause,
  });
}

/** The details of an error from the cloud client, or a status-0 default for anything else. */
export function cloudDetails(error: unknown): CloudErrorDetails {
  if (error instanceof AppError && typeof error.details === 'object' && error.details !== null) {
    const d = error.details as Partial<CloudErrorDetails>;
    if (typeof d.status === 'number') return d as CloudErrorDetails;
  }
  return { status: 0 };
}
