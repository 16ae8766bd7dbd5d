import { describe, expect, it } from 'vitest';
import type { FailureVerdict } from './classify-failure';
import { failureTransition, isInFlight, userTransition, type UserAction } from './item-transitions';

const STATES = [
  'queued',
  'initiating',
  'uploading',
  'completing',
  'done',
  'failed',
  'paused',
  'cancelled',
] as const;
const NOW = 1_700_000_000_000;

/** The states in which `action` changes the item, and to what status. */
function changes(action: UserAction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const state of STATES) {
    const patch = userTransition(state, action, NOW);
    if (patch) out[state] = patch.status;
  }
  return out;
}

describe('queue item transitions', () => {
  it('pauses and cancels anything not finished; resumes only a paused item', () => {
    expect(changes('pause')).toEqual({
      queued: 'paused',
      initiating: 'paused',
      uploading: 'paused',
      completing: 'paused',
      failed: 'paused',
      paused: 'paused',
    });
    expect(changes('cancel')).toEqual({
      queued: 'cancelled',
      initiating: 'cancelled',
      uploading: 'cancelled',
      completing: 'cancelled',
      failed: 'cancelled',
      paused: 'cancelled',
    });
    expect(changes('resume')).toEqual({ paused: 'queued' });
    expect(userTransition('paused', 'resume', NOW)).toEqual({
      status: 'queued',
      nextAttemptAt: NOW,
    });
  });

  it('retries a failed or paused item at once, forgetting its failure', () => {
    expect(changes('retry')).toEqual({ failed: 'queued', paused: 'queued' });
    expect(userTransition('failed', 'retry', NOW)).toEqual({
      status: 'queued',
      permanent: false,
      nextAttemptAt: NOW,
      lastError: null,
    });
  });

  it('counts initiating, uploading and completing as in flight', () => {
    expect(STATES.filter(isInFlight)).toEqual(['initiating', 'uploading', 'completing']);
  });

  it('queues an item again without spending an attempt when the server is offline', () => {
    const verdict: FailureVerdict = { kind: 'offline', message: 'fetch failed', code: 'UPSTREAM' };
    expect(failureTransition(verdict, 2, NOW, { baseMs: 100, capMs: 1000 })).toEqual({
      status: 'queued',
      lastError: 'fetch failed',
      errorCode: 'UPSTREAM',
      nextAttemptAt: NOW,
    });
  });

  it('fails a retryable attempt with the next try after the backoff, or Retry-After when longer', () => {
    const verdict = (retryAfterMs: number | undefined): FailureVerdict => ({
      kind: 'failed',
      permanent: false,
      message: 'HTTP 503',
      code: 'UPSTREAM',
      retryAfterMs,
      unexpected: false,
    });
    const policy = { baseMs: 100, capMs: 1000 };
    // Attempt 3: the ceiling is 100 × 2² = 400 ms; random() = 0.5 waits half of it.
    expect(failureTransition(verdict(undefined), 2, NOW, policy, () => 0.5)).toEqual({
      status: 'failed',
      permanent: false,
      errorCode: 'UPSTREAM',
      lastError: 'HTTP 503',
      attempts: 3,
      nextAttemptAt: NOW + 200,
    });
    expect(failureTransition(verdict(5000), 2, NOW, policy, () => 0.5).nextAttemptAt).toBe(
      NOW + 5000,
    );
    // The cap holds however many attempts were made.
    expect(failureTransition(verdict(undefined), 30, NOW, policy, () => 0.999).nextAttemptAt).toBe(
      NOW + 999,
    );
  });

  it('fails a permanent attempt for good: counted, not scheduled later', () => {
    const verdict: FailureVerdict = {
      kind: 'failed',
      permanent: true,
      message: 'HTTP 413',
      code: 'VALIDATION',
      retryAfterMs: undefined,
      unexpected: false,
    };
    expect(failureTransition(verdict, 0, NOW, { baseMs: 100, capMs: 1000 })).toEqual({
      status: 'failed',
      permanent: true,
      errorCode: 'VALIDATION',
      lastError: 'HTTP 413',
      attempts: 1,
      nextAttemptAt: NOW,
    });
  });
});
