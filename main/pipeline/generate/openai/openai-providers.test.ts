import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { FakeOpenAiServer } from '../testing/fake-openai.server';
import { OpenAiConnection } from './openai-client';
import { OpenAiImageProvider } from './openai-image.provider';
import { OpenAiScriptProvider } from './openai-script.provider';
import { OpenAiSpeechProvider } from './openai-speech.provider';
import { OpenAiTranscriptionProvider } from './openai-transcription.provider';

let fake: FakeOpenAiServer;
const sleeps: number[] = [];
const request = {
  idea: 'three facts about octopuses',
  style: 'fun',
  targetDurationSec: 20,
  language: 'en',
};

function connection(overrides: { apiKey?: string | null } = {}) {
  return new OpenAiConnection({
    baseUrl: fake.baseUrl,
    apiKey: overrides.apiKey === undefined ? 'sk-test-123' : overrides.apiKey,
    retry: {
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
    },
  });
}

beforeEach(async () => {
  fake = await FakeOpenAiServer.start();
  sleeps.length = 0;
});
afterEach(() => fake.close());

describe('OpenAI-compatible providers against the fake server', () => {
  it('writes a script with JSON-schema output and sends model, prompt and key', async () => {
    const usage: unknown[] = [];
    const script = await new OpenAiScriptProvider(connection(), 'llama3.1').writeScript(request, {
      onUsage: (u) => usage.push(u),
    });
    expect(script.segments).toHaveLength(3);
    const [got] = fake.received;
    expect(got?.route).toBe('chat');
    expect(got?.model).toBe('llama3.1');
    expect(got?.prompt).toContain('three facts about octopuses');
    expect(got?.authorization).toBe('Bearer sk-test-123');
    expect((got?.body as { response_format: { type: string } }).response_format.type).toBe(
      'json_schema',
    );
    expect(usage).toEqual([{ requests: 1, promptTokens: 50, completionTokens: 80 }]);
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    fake.enqueue('chat', { status: 429, headers: { 'retry-after': '2' } });
    await new OpenAiScriptProvider(connection(), 'm').writeScript(request);
    expect(fake.count('chat')).toBe(2);
    expect(sleeps).toEqual([2000]);
  });

  it('backs off with full jitter on 500 twice, then succeeds', async () => {
    fake.enqueue('images', { status: 500 }, { status: 503 });
    const image = await new OpenAiImageProvider(connection(), 'dall-e-3').makeImage({
      prompt: 'an octopus',
      width: 1080,
      height: 1920,
      style: 'fun',
      brandColors: ['#ff0000'],
    });
    expect(image.png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(fake.count('images')).toBe(3);
    expect(sleeps).toEqual([250, 500]);
    const body = fake.received[0]?.body as { response_format: string; size: string };
    expect(body.response_format).toBe('b64_json');
    expect(body.size).toBe('1024x1792');
  });

  it('retries an invalid script with the validation error, then succeeds', async () => {
    fake.enqueue('chat', { chatContent: '{"title": "x", "segments": []}' });
    const script = await new OpenAiScriptProvider(connection(), 'm').writeScript(request);
    expect(script.title).toBe('Octopus facts');
    expect(fake.count('chat')).toBe(2);
    expect(fake.received[1]?.prompt).toMatch(/invalid: segments: .*>=1 items/i);
  });

  it('fails clearly when the script stays invalid', async () => {
    fake.enqueue('chat', ...Array.from({ length: 3 }, () => ({ chatContent: 'not json at all' })));
    const error = await new OpenAiScriptProvider(connection(), 'm')
      .writeScript(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/unusable script 3 times.*not JSON/);
  });

  it('turns 401 into a readable UNAUTHORIZED error without retrying', async () => {
    fake.enqueue('speech', { status: 401, body: { error: { message: 'bad key' } } });
    const error = await new OpenAiSpeechProvider(connection(), 'tts')
      .speak({ text: 'hi', voice: 'alloy', speed: 1, language: 'en' })
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('UNAUTHORIZED');
    expect((error as AppError).message).toMatch(/401.*API key/);
    expect(fake.count('speech')).toBe(1);
  });

  it('speaks WAV and transcribes word timestamps (verbose_json)', async () => {
    const conn = connection();
    const voice = await new OpenAiSpeechProvider(conn, 'tts-1').speak({
      text: 'octopuses have three hearts',
      voice: 'nova',
      speed: 1,
      language: 'en',
    });
    expect(voice.durationSec).toBeCloseTo(1.6, 1);
    const words = await new OpenAiTranscriptionProvider(conn, 'whisper-1').transcribe({
      wav: voice.wav,
      text: 'x',
      durationSec: voice.durationSec,
      language: 'en',
    });
    expect(words.map((w) => w.word)).toEqual(['octopuses', 'have', 'three', 'hearts']);
    expect(words.at(-1)?.end).toBeCloseTo(voice.durationSec, 1);
    const sent = fake.received.find((r) => r.route === 'transcriptions');
    expect(sent?.model).toBe('whisper-1');
    expect(sent?.body).toMatchObject({
      response_format: 'verbose_json',
      'timestamp_granularities[]': 'word',
    });
  });

  it('times out a slow server, retries, and reports it readably', async () => {
    fake.enqueue(
      'chat',
      { delayMs: 1500 },
      { delayMs: 1500 },
      { delayMs: 1500 },
      { delayMs: 1500 },
    );
    const slow = new OpenAiConnection({
      baseUrl: fake.baseUrl,
      apiKey: 'k',
      timeoutMs: 200,
      retry: { sleep: () => Promise.resolve(), maxAttempts: 2 },
    });
    const error = await new OpenAiScriptProvider(slow, 'm')
      .writeScript(request)
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('PROVIDER');
    expect((error as AppError).message).toMatch(
      /script: cannot reach the server \(Request timed out/,
    );
    expect(fake.count('chat')).toBe(2);
  });

  it('is cancelled through an AbortSignal', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await new OpenAiScriptProvider(connection(), 'm')
      .writeScript(request, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('CANCELLED');
  });

  it('streams chat completions (SSE) to the real SDK', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseUrl, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const part of stream) text += part.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toMatchObject({ title: 'Octopus facts' });
  });
});
