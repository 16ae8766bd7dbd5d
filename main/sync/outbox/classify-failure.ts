/**
 * What a failed attempt means for its queue item: the server is away (wait for it, no attempt
 * spent), a permanent failure (4xx other than 408/429, or an AppError that says retrying cannot
 * help), or a retryable one with the server's `Retry-After`.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import { cloudDetails, isPermanentStatus } from '../cloud/cloud-errors';

export type FailureVerdict =
  | { kind: 'offline'; message: string; code: ErrorCode | 'INTERNAL' }
  | {
      kind: 'failed';
      permanent: boolean;
      message: string;
      code: ErrorCode | 'INTERNAL';
      retryAfterMs: number | undefined;
      /** Not an AppError: a bug worth logging. */
      unexpected: boolean;
    };

export function classifyFailure(error: unknown): FailureVerdict {
  const details = cloudDetails(error);
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  if (details.offline) return { kind: 'offline', message, code };
  const permanent =
    error instanceof AppError
      ? details.status !== 0
        ? isPermanentStatus(details.status)
        : !error.retryable
      : false;
  return {
    kind: 'failed',
    permanent,
    message,
    code,
    retryAfterMs: details.retryAfterMs,
    unexpected: !(error instanceof AppError),
  };
}
