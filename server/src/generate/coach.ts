/**
 * The asset coach over the cloud: one reply of the upstream chat model streamed straight back
 * (OpenAI chat-completion chunks as server-sent events), paid `COACH_PRICE` credits up front.
 *
 * The charge's ledger key derives from the Idempotency-Key, so a retried request is never charged
 * twice; a stream cannot be replayed, so a key that was charged already is refused (CONFLICT)
 * rather than answered for free. When the upstream cannot start the reply the charge is refunded.
 */
import { COACH_PRICE } from '../../../shared/api/generate.api';
import { AppError } from '../../../shared/errors';
import { applyCredits } from '../credits/repository';
import type { AppDeps } from '../deps';
import { describeError } from '../http/logger';
import { openChatStream } from './upstream';

export async function streamCoachReply(
  deps: AppDeps,
  userId: string,
  idempotencyKey: string,
  messages: readonly { role: string; content: string }[],
): Promise<Response> {
  if (!deps.config.openai)
    throw new AppError('UPSTREAM', 'Cloud generation is not configured on this server.');
  const key = `coach:${userId}:${idempotencyKey}`;
  const charge = await applyCredits(deps.db, userId, -COACH_PRICE, 'generate coach', key);
  if (charge.replayed)
    throw new AppError(
      'CONFLICT',
      'This coach request was answered already; send the message again with a new Idempotency-Key.',
    );
  let body: ReadableStream<Uint8Array>;
  try {
    body = await openChatStream(deps, messages);
  } catch (error) {
    await applyCredits(
      deps.db,
      userId,
      COACH_PRICE,
      'refund: generate coach failed',
      `${key}:refund`,
    );
    deps.log.warn('upstream coach failed; refunded', describeError(error));
    throw new AppError('UPSTREAM', 'The coach service failed; your credits were refunded.', {
      retryable: true,
    });
  }
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-credits-charged': String(COACH_PRICE),
      'x-balance': String(charge.balanceAfter),
    },
  });
}
