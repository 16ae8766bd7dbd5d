import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { describeCloudError, isUnreachable } from './cloud-errors';

describe('describeCloudError', () => {
  it('explains not enough credits and that nothing was charged', () => {
    const view = describeCloudError(
      new AppError('PAYMENT_REQUIRED', 'Not enough credits for this action.'),
    );
    expect(view.title).toBe('Not enough credits');
    expect(view.detail).toMatch(/Nothing was charged/);
  });

  it('asks to sign in on UNAUTHORIZED', () => {
    expect(describeCloudError(new AppError('UNAUTHORIZED', 'Signed out.'))).toMatchObject({
      needsSignIn: true,
      retryable: false,
    });
  });

  it('tells an unreachable server from a failing one', () => {
    const away = new AppError('UPSTREAM', 'Cannot reach http://x', {
      retryable: true,
      details: { status: 0, offline: true },
    });
    expect(isUnreachable(away)).toBe(true);
    expect(describeCloudError(away).title).toBe('The server is unreachable');
    const broken = new AppError('UPSTREAM', 'Bad gateway', {
      retryable: true,
      details: { status: 502 },
    });
    expect(isUnreachable(broken)).toBe(false);
    expect(describeCloudError(broken).title).toBe('The server had a problem');
  });

  it('keeps the message of unknown errors', () => {
    expect(describeCloudError(new Error('boom'))).toMatchObject({
      detail: 'boom',
      retryable: true,
    });
  });
});
