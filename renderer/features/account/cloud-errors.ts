/**
 * Turns a failed cloud call into words for the screen: what happened and what to do.
 */
import { AppError } from '../../../shared/errors';

export interface ErrorView {
  title: string;
  detail: string;
  /** True when trying again may help (offline, rate limited, server hiccup). */
  retryable: boolean;
  /** True when the fix is to sign in. */
  needsSignIn: boolean;
}

/** True when the error says the sync API could not be reached at all (main marks it offline). */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof AppError) || error.code !== 'UPSTREAM') return false;
  const details = error.details;
  return typeof details === 'object' && details !== null && 'offline' in details
    ? details.offline === true
    : false;
}

export function describeCloudError(error: unknown): ErrorView {
  if (!(error instanceof AppError)) {
    return {
      title: 'Something went wrong',
      detail: error instanceof Error ? error.message : String(error),
      retryable: true,
      needsSignIn: false,
    };
  }
  const base = { detail: error.message, retryable: error.retryable, needsSignIn: false };
  switch (error.code) {
    case 'UNAUTHORIZED':
      return { ...base, title: 'Sign in needed', needsSignIn: true, retryable: false };
    case 'PAYMENT_REQUIRED':
      return {
        ...base,
        title: 'Not enough credits',
        detail: `${error.message} Nothing was charged. Use the offline provider, or add credits on the Account page.`,
      };
    case 'RATE_LIMITED':
      return { ...base, title: 'Too many requests', retryable: true };
    case 'NOT_FOUND':
      return { ...base, title: 'Not found' };
    case 'FORBIDDEN':
      return { ...base, title: 'Not allowed' };
    case 'UNSUPPORTED':
      return { ...base, title: 'Not available yet' };
    case 'UPSTREAM':
      return isUnreachable(error)
        ? {
            ...base,
            title: 'The server is unreachable',
            detail: `${error.message} Everything local still works; try again when you are back online.`,
          }
        : { ...base, title: 'The server had a problem' };
    default:
      return { ...base, title: 'Something went wrong' };
  }
}
