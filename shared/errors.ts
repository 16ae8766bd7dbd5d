/**
 * Error shapes shared by main, renderer, CLI and server.
 *
 * `AppError` is an expected failure the user can understand (bad input, missing file, locked
 * data folder). `BugError` marks a broken invariant: it is never shown verbatim to users.
 */

/** The closed set of error codes. Add a code here (and nowhere else) when a new failure kind appears. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_OPERATION',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'LOCKED',
  'UNSUPPORTED',
  'TOO_LARGE',
  'CANCELLED',
  'IO',
  /** Data written by a newer Reelsmith, or a changed migration: refused, nothing touched. */
  'INCOMPATIBLE',
  /** A damaged database or file. */
  'CORRUPT',
  'FFMPEG_NOT_FOUND',
  'RATE_LIMITED',
  'PAYMENT_REQUIRED',
  'UNPROCESSABLE',
  'UPSTREAM',
  'RENDER_FAILED',
  'PROVIDER',
  'KEYCHAIN',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialised form of an error as it crosses a transport. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
  retryable?: boolean;
}

export interface AppErrorOptions {
  details?: unknown;
  retryable?: boolean;
  cause?: unknown;
}

/** An expected, user-facing failure with a stable `code`. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
  }

  /** The payload sent over IPC / WebSocket / HTTP. */
  toJSON(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.details !== undefined) payload.details = this.details;
    if (this.retryable) payload.retryable = true;
    return payload;
  }

  /** Rebuilds an AppError from a payload received over a transport. */
  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, {
      details: payload.details,
      retryable: payload.retryable,
    });
  }
}

/** A broken invariant: a bug in Reelsmith, not the user's fault. */
export class BugError extends Error {
  override readonly name = 'BugError';
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new BugError(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Turns anything thrown into a transport-safe payload.
 *
 * AppErrors keep their code and message; anything else becomes INTERNAL with a generic message
 * so stack traces and paths of unexpected failures never reach the user verbatim.
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) return error.toJSON();
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Reelsmith. Details are in the log.',
  };
}
