/**
 * Paid generation: charge the published price, call the upstream, refund when it fails.
 * The ledger keys derive from the request's Idempotency-Key, so a retried request is never
 * charged twice.
 */
import { PRICES, type GenerateAction } from '../../../shared/api/generate.api';
import { AppError } from '../../../shared/errors';
import { applyCredits } from '../credits/repository';
import type { AppDeps } from '../deps';
import { describeError } from '../http/logger';

export async function charged<T>(
  deps: AppDeps,
  userId: string,
  action: GenerateAction,
  idempotencyKey: string,
  work: () => Promise<T>,
): Promise<T & { creditsCharged: number; balance: number }> {
  if (!deps.config.openai)
    throw new AppError('UPSTREAM', 'Cloud generation is not configured on this server.');
  const price = PRICES[action];
  const key = `generate:${userId}:${idempotencyKey}`;
  const charge = await applyCredits(deps.db, userId, -price, `generate ${action}`, key);
  try {
    const result = await work();
    return { ...result, creditsCharged: price, balance: charge.balanceAfter };
  } catch (error) {
    await applyCredits(
      deps.db,
      userId,
      price,
      `refund: generate ${action} failed`,
      `${key}:refund`,
    );
    deps.log.warn('upstream generation failed; refunded', { action, ...describeError(error) });
    throw new AppError('UPSTREAM', 'The generation service failed; your credits were refunded.', {
      retryable: true,
    });
  }
}
