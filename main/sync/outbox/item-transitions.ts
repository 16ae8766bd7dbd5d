/**
 * The upload queue item's state changes as pure functions: what a user action (pause, resume,
 * retry, cancel) does to an item in a given state, which states are an attempt in flight, and
 * where a failed attempt leaves the item (waiting for the server, retrying after a backoff, or
 * stopped for good).
 */
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { FailureVerdict } from './classify-failure';
import type { StatePatch } from './outbox.repository';

export type UserAction = 'pause' | 'resume' | 'retry' | 'cancel';

/**
 * The change `action` makes to an item in `status`, or null when it does nothing there.
 *
 * Finished items (done, cancelled) cannot be paused or cancelled; only a paused item resumes; a
 * failed or paused item is retried from the queue at once, its failure forgotten.
 */
export function userTransition(status: string, action: UserAction, now: number): StatePatch | null {
  const finished = status === 'done' || status === 'cancelled';
  switch (action) {
    case 'pause':
      return finished ? null : { status: 'paused' };
    case 'resume':
      return status === 'paused' ? { status: 'queued', nextAttemptAt: now } : null;
    case 'retry':
      return status === 'failed' || status === 'paused'
        ? { status: 'queued', permanent: false, nextAttemptAt: now, lastError: null }
        : null;
    case 'cancel':
      return finished ? null : { status: 'cancelled' };
  }
}

/** Whether an item in `status` is mid-attempt (a shutdown sends it back to the queue). */
export function isInFlight(status: string): boolean {
  return status === 'initiating' || status === 'uploading' || status === 'completing';
}

/**
 * Where a failed attempt leaves an item that had made `attempts` attempts before it.
 *
 * Offline: queued again at once without spending an attempt (the queue waits for the server).
 * Otherwise failed with one more attempt; a retryable failure is due again after the backoff
 * (the server's Retry-After when longer), a permanent one is not retried.
 */
export function failureTransition(
  verdict: FailureVerdict,
  attempts: number,
  now: number,
  backoff: BackoffPolicy,
  random?: () => number,
): StatePatch {
  if (verdict.kind === 'offline') {
    return {
      status: 'queued',
      lastError: verdict.message,
      errorCode: verdict.code,
      nextAttemptAt: now,
    };
  }
  const next = attempts + 1;
  return {
    status: 'failed',
    permanent: verdict.permanent,
    errorCode: verdict.code,
    lastError: verdict.message,
    attempts: next,
    nextAttemptAt: verdict.permanent
      ? now
      : now + backoffDelay(backoff, next, verdict.retryAfterMs, random),
  };
}
