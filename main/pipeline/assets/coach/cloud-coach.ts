/**
 * The coach over the Reelsmith cloud (`POST /v1/generate/coach`, paid in credits): the same
 * prompt and the same handling of the streamed text as the OpenAI-compatible coach, the reply
 * streamed back by the sync API as OpenAI chat-completion chunks (server-sent events).
 */
import { randomUUID } from 'node:crypto';
import { COACH_PRICE, generateApi } from '../../../../shared/api/generate.api';
import { meApi } from '../../../../shared/api/me.api';
import { AppError } from '../../../../shared/errors';
import type { CloudClient } from '../../../sync/cloud/cloud-client';
import { NOT_SIGNED_IN, notEnoughCredits } from '../../generate/cloud/cloud-connection';
import type { CoachEngine, CoachRequest, CoachStep, CoachTurn } from './coach.types';
import { ground } from './grounding';
import { streamTurn, systemPrompt } from './openai-coach';

/** The part of the cloud client the coach uses. */
export type CoachCloudApi = Pick<CloudClient, 'open' | 'call' | 'session'>;

/** A streamed reply can take a while; the client's default 30 s would cut it. */
const STREAM_TIMEOUT_MS = 120_000;

/** The text deltas of an OpenAI chat-completion event stream; PROVIDER on a malformed event. */
export async function* chatDeltas(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice('data:'.length).trim();
      if (data === '[DONE]') return;
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch {
        throw new AppError('PROVIDER', 'The cloud coach sent an unreadable event.', {
          details: { event: data.slice(0, 200) },
        });
      }
      const choices = (chunk as { choices?: { delta?: { content?: unknown } }[] }).choices;
      const content = choices?.[0]?.delta?.content;
      if (typeof content === 'string') yield content;
    }
  }
}

export class CloudCoach implements CoachEngine {
  readonly name = 'cloud';

  constructor(
    private readonly api: CoachCloudApi,
    /** Makes each reply's Idempotency-Key (tests pin it). */
    private readonly newKey: () => string = randomUUID,
  ) {}

  async reply(
    request: CoachRequest,
    emit: (step: CoachStep) => void,
    signal: AbortSignal,
  ): Promise<CoachTurn> {
    if (!(await this.api.session())) throw new AppError('UNAUTHORIZED', NOT_SIGNED_IN);
    const facts = ground(request.brandKit, request.assetType, emit);
    const messages = [
      { role: 'system' as const, content: systemPrompt(request, facts) },
      ...request.messages.map((m) => ({ role: m.role, content: m.content })),
    ];
    let response: Response;
    try {
      response = await this.api.open(generateApi.coach, {
        body: { messages },
        idempotencyKey: this.newKey(),
        signal,
        timeoutMs: STREAM_TIMEOUT_MS,
      });
    } catch (error) {
      if (signal.aborted) throw new AppError('CANCELLED', 'The coach was stopped.');
      if (error instanceof AppError && error.code === 'PAYMENT_REQUIRED') {
        const balance = await this.api
          .call(meApi.get, { signal })
          .then((me) => me.balance)
          .catch(() => 0);
        throw notEnoughCredits(COACH_PRICE, balance, 'a coach reply');
      }
      throw error;
    }
    if (!response.body) throw new AppError('PROVIDER', 'The cloud coach answered without a reply.');
    return streamTurn(chatDeltas(response.body), emit, signal);
  }
}
