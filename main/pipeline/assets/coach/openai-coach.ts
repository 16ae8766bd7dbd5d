/**
 * The coach on an OpenAI-compatible chat model, streaming. The model talks to the creator in
 * prose and, once it knows enough, appends the brief as a fenced ```brief JSON block; the prose
 * streams as tokens, the block is held back, parsed and validated into `intent_ready`.
 */
import { z } from 'zod';
import { AssetBrief, ASSET_TYPE_IDS } from '../../../../shared/contract/assets.contract';
import { AppError } from '../../../../shared/errors';
import type { OpenAiConnection } from '../../generate/openai/openai-client';
import type { CoachEngine, CoachRequest, CoachStep, CoachTurn } from './coach.types';
import { ground } from './grounding';

const MARKER = '```brief';

/** The system message of a coach turn (also sent through the cloud coach). */
export function systemPrompt(request: CoachRequest, facts: readonly string[]): string {
  return [
    'You are the asset coach of Reelsmith, helping a streamer plan one channel asset before an image is generated.',
    'Ask at most one short question per reply about what is still unclear: the asset type, the subject, the style, the text on the image, the colours.',
    `Asset types: ${ASSET_TYPE_IDS.join(', ')}.`,
    'When you know enough, say so in one sentence, then end your reply with a block exactly like:',
    '```brief',
    '{"assetType":"twitch_emote","subject":"...","style":"...","text":"","colors":["#rrggbb"]}',
    '```',
    'The block must be valid JSON with those five keys; text is "" for none (at most 40 characters); colors are #rrggbb hex codes.',
    ...(request.assetType ? [`The creator chose the asset type ${request.assetType}.`] : []),
    ...(facts.length > 0 ? ['Facts to respect:', ...facts.map((f) => `- ${f}`)] : []),
  ].join('\n');
}

/** The length of the longest suffix of `text` that starts the marker (held back while streaming). */
function partialMarker(text: string): number {
  for (let n = Math.min(MARKER.length - 1, text.length); n > 0; n--) {
    if (MARKER.startsWith(text.slice(-n))) return n;
  }
  return 0;
}

/** A readable line for the first few problems of a zod error. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'brief'}: ${issue.message}`)
    .join('; ');
}

/** Parses the ```brief block; PROVIDER with a readable message when it is not a valid brief. */
export function parseBriefBlock(block: string): AssetBrief {
  const body = block.replace(/```\s*$/, '').trim();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError(
      'PROVIDER',
      'The coach model sent a brief that is not valid JSON; ask it again or rephrase.',
      { details: { block: body.slice(0, 500) } },
    );
  }
  const parsed = AssetBrief.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'PROVIDER',
      `The coach model sent an incomplete brief (${describeIssues(parsed.error)}); ask it again or rephrase.`,
    );
  return parsed.data;
}

/**
 * Turns a model's streamed text into coach steps: the prose goes out as tokens, the ```brief
 * block is held back, then parsed into `intent_ready`. Shared by the OpenAI-compatible and the
 * cloud coach (same prompt, same stream of text deltas).
 */
export async function streamTurn(
  deltas: AsyncIterable<string>,
  emit: (step: CoachStep) => void,
  signal: AbortSignal,
): Promise<CoachTurn> {
  let full = '';
  let shown = 0;
  try {
    for await (const delta of deltas) {
      if (signal.aborted) break;
      full += delta;
      const markerAt = full.indexOf(MARKER);
      const visibleEnd = markerAt >= 0 ? markerAt : full.length - partialMarker(full);
      if (visibleEnd > shown) {
        emit({ type: 'token', text: full.slice(shown, visibleEnd) });
        shown = visibleEnd;
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  if (signal.aborted) throw new AppError('CANCELLED', 'The coach was stopped.');
  const markerAt = full.indexOf(MARKER);
  const reply = (markerAt >= 0 ? full.slice(0, markerAt) : full).trim();
  if (markerAt < 0) {
    if (shown < full.length) emit({ type: 'token', text: full.slice(shown) });
    if (reply === '') throw new AppError('PROVIDER', 'The coach model sent an empty reply.');
    return { reply, brief: null };
  }
  const brief = parseBriefBlock(full.slice(markerAt + MARKER.length));
  emit({ type: 'intent_ready', brief });
  return { reply, brief };
}

export class OpenAiCoach implements CoachEngine {
  readonly name = 'openai-compatible';

  constructor(
    private readonly connection: OpenAiConnection,
    private readonly model: string,
  ) {}

  async reply(
    request: CoachRequest,
    emit: (step: CoachStep) => void,
    signal: AbortSignal,
  ): Promise<CoachTurn> {
    const facts = ground(request.brandKit, request.assetType, emit);
    const stream = await this.connection.call(
      'coach',
      () =>
        this.connection.client.chat.completions.create(
          {
            model: this.model,
            stream: true,
            temperature: 0.7,
            messages: [
              { role: 'system', content: systemPrompt(request, facts) },
              ...request.messages.map((m) => ({ role: m.role, content: m.content })),
            ],
          },
          { signal },
        ),
      signal,
    );
    return streamTurn(
      (async function* () {
        for await (const chunk of stream) yield chunk.choices[0]?.delta.content ?? '';
      })(),
      emit,
      signal,
    );
  }
}
