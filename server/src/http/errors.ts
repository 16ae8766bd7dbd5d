/**
 * Maps failures to the API's error body `{ statusCode, error, message }`.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api/define.api';
import { AppError, type ErrorCode } from '../../../shared/errors';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  UNKNOWN_OPERATION: 404,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  LOCKED: 423,
  UNSUPPORTED: 415,
  TOO_LARGE: 413,
  CANCELLED: 499 as ContentfulStatusCode,
  IO: 500,
  FFMPEG_NOT_FOUND: 500,
  INCOMPATIBLE: 409,
  CORRUPT: 500,
  RATE_LIMITED: 429,
  PAYMENT_REQUIRED: 402,
  UNPROCESSABLE: 422,
  UPSTREAM: 502,
  RENDER_FAILED: 500,
  PROVIDER: 502,
  KEYCHAIN: 500,
  INTERNAL: 500,
};

const PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  499: 'Client Closed Request',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function errorBody(statusCode: number, message: string): ApiError {
  return { statusCode, error: PHRASES[statusCode] ?? 'Error', message };
}

/** Answers an error; the second value tells whether it is our bug (worth an error log). */
export function errorResponse(c: Context, error: unknown): { response: Response; bug: boolean } {
  let status: ContentfulStatusCode = 500;
  let message = 'Something went wrong on our side; it has been logged.';
  let bug = false;
  if (error instanceof AppError) {
    status = STATUS[error.code];
    message = error.message;
    const details = error.details as { retryAfterSeconds?: number } | undefined;
    if (details?.retryAfterSeconds !== undefined) {
      c.header('Retry-After', String(details.retryAfterSeconds));
    }
  } else if (error instanceof z.ZodError) {
    status = 400;
    message = z.prettifyError(error).slice(0, 1000);
  } else if (error instanceof HTTPException) {
    status = error.status;
    message = error.message || (PHRASES[status] ?? 'Error');
  } else {
    bug = true;
  }
  return { response: c.json(errorBody(status, message), status), bug };
}
