/**
 * Calls to the OpenAI-compatible upstream (OpenAI, or any server speaking its HTTP API).
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { AppDeps } from '../deps';

const TIMEOUT_MS = 120_000;

export const MODELS = {
  script: 'gpt-4o-mini',
  image: 'gpt-image-1',
  speech: 'gpt-4o-mini-tts',
  transcription: 'whisper-1',
} as const;

async function call(
  deps: AppDeps,
  path: string,
  init: { json?: unknown; form?: FormData },
): Promise<Response> {
  const upstream = deps.config.openai;
  if (!upstream)
    throw new AppError('UPSTREAM', 'Cloud generation is not configured on this server.');
  const headers: Record<string, string> = {};
  if (upstream.apiKey) headers.authorization = `Bearer ${upstream.apiKey}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const response = await deps.fetch(`${upstream.baseUrl}${path}`, {
    method: 'POST',
    headers,
    body: init.form ?? JSON.stringify(init.json),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`upstream ${path} answered ${response.status}`);
  return response;
}

async function json<T extends z.ZodType>(response: Response, schema: T): Promise<z.output<T>> {
  return schema.parse(await response.json());
}

export async function writeScript(deps: AppDeps, prompt: string, system?: string): Promise<string> {
  const messages = [
    ...(system ? [{ role: 'system', content: system }] : []),
    { role: 'user', content: prompt },
  ];
  const response = await call(deps, '/chat/completions', {
    json: { model: MODELS.script, messages },
  });
  const body = await json(
    response,
    z.object({ choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1) }),
  );
  return body.choices[0]?.message.content ?? '';
}

export async function makeImage(deps: AppDeps, prompt: string, size: string): Promise<string> {
  const response = await call(deps, '/images/generations', {
    json: { model: MODELS.image, prompt, size, n: 1 },
  });
  const body = await json(
    response,
    z.object({ data: z.array(z.object({ b64_json: z.string() })).min(1) }),
  );
  return body.data[0]?.b64_json ?? '';
}

export async function speak(
  deps: AppDeps,
  text: string,
  voice: string,
  format: 'mp3' | 'wav' = 'mp3',
): Promise<{ audioBase64: string; contentType: string }> {
  const response = await call(deps, '/audio/speech', {
    json: { model: MODELS.speech, input: text, voice, response_format: format },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    audioBase64: bytes.toString('base64'),
    contentType: format === 'wav' ? 'audio/wav' : 'audio/mpeg',
  };
}

export async function transcribe(deps: AppDeps, audioBase64: string, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(audioBase64, 'base64')]), filename);
  form.append('model', MODELS.transcription);
  form.append('response_format', 'verbose_json');
  form.append('timestamp_granularities[]', 'word');
  const response = await call(deps, '/audio/transcriptions', { form });
  return json(
    response,
    z.object({
      text: z.string(),
      words: z
        .array(z.object({ word: z.string(), start: z.number(), end: z.number() }))
        .default([]),
    }),
  );
}

/**
 * A streaming chat completion (`stream: true`): the upstream's response, whose body is the
 * server-sent events of OpenAI chat-completion chunks. The model is the server's, not the caller's.
 */
export async function openChatStream(
  deps: AppDeps,
  messages: readonly { role: string; content: string }[],
): Promise<ReadableStream<Uint8Array>> {
  const response = await call(deps, '/chat/completions', {
    json: { model: MODELS.script, messages, stream: true, temperature: 0.7 },
  });
  if (!response.body) throw new Error('upstream /chat/completions answered without a body');
  return response.body;
}
