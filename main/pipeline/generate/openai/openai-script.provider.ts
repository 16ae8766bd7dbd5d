/**
 * Scripts from a chat model with structured output: the reply is validated with zod and, when
 * invalid, the model is asked again with the validation error, then the job fails clearly.
 */
import { plannedSegments } from '../../../../shared/contract/generate.contract';
import { AppError } from '../../../../shared/errors';
import { describeZodError } from '../../../rpc/router';
import type { CallOptions, ScriptProvider, ScriptRequest } from '../providers.types';
import { Script, SCRIPT_JSON_SCHEMA } from '../script.schema';
import type { OpenAiConnection } from './openai-client';

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

export function scriptPrompt(request: ScriptRequest): Message[] {
  return [
    {
      role: 'system',
      content:
        'You write scripts for vertical short videos (TikTok, Shorts, Reels). Reply with JSON only: ' +
        '{"title": string, "segments": [{"text": narration, "imagePrompt": a vivid picture description, "duration": seconds}]}. ' +
        'Start with a hook, then the points, then a call to action.',
    },
    {
      role: 'user',
      content:
        `Idea: ${request.idea}\nStyle: ${request.style}\nLanguage: ${request.language}\n` +
        `Total length: about ${request.targetDurationSec} seconds (about ${Math.round(request.targetDurationSec * 2.5)} spoken words), ` +
        `in ${plannedSegments(request.targetDurationSec)} segments.`,
    },
  ];
}

/** Checks a reply; returns the script, or the reason it is unusable. */
export function parseScriptReply(content: string | null | undefined): Script | string {
  if (!content) return 'the reply was empty';
  const text = content.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `the reply was not JSON (${(error as Error).message})`;
  }
  const parsed = Script.safeParse(json);
  return parsed.success ? parsed.data : describeZodError(parsed.error);
}

export class OpenAiScriptProvider implements ScriptProvider {
  readonly name = 'openai-compatible';

  constructor(
    private readonly connection: OpenAiConnection,
    readonly model: string,
    private readonly maxAttempts = 3,
  ) {}

  async writeScript(request: ScriptRequest, options: CallOptions = {}): Promise<Script> {
    const messages = scriptPrompt(request);
    let problem = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const completion = await this.connection.call(
        'script',
        () =>
          this.connection.client.chat.completions.create(
            {
              model: this.model,
              messages,
              response_format: {
                type: 'json_schema',
                json_schema: { name: 'script', strict: true, schema: SCRIPT_JSON_SCHEMA },
              },
            },
            { signal: options.signal },
          ),
        options.signal,
      );
      options.onUsage?.({
        requests: 1,
        promptTokens: completion.usage?.prompt_tokens ?? 0,
        completionTokens: completion.usage?.completion_tokens ?? 0,
      });
      const content = completion.choices[0]?.message.content;
      const result = parseScriptReply(content);
      if (typeof result !== 'string') return result;
      problem = result;
      messages.push(
        { role: 'assistant', content: content ?? '' },
        {
          role: 'user',
          content: `That reply is invalid: ${result}. Reply again with JSON that matches the schema exactly.`,
        },
      );
    }
    throw new AppError(
      'PROVIDER',
      `script: the model (${this.model}) returned an unusable script ${this.maxAttempts} times; last problem: ${problem}`,
    );
  }
}
