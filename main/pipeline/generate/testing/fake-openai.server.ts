/**
 * A fake OpenAI-compatible server for tests, on 127.0.0.1 only: chat completions (plain and
 * streaming), images, speech and transcriptions. It records what it received (route, model,
 * prompt, Authorization header) and can be scripted to fail (429 with Retry-After, 500s,
 * invalid JSON) before answering normally. It closes itself after `lifetimeMs` and never keeps
 * the process alive.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readWavInfo, silenceWav } from '../wav';

export type FakeRoute = 'chat' | 'images' | 'speech' | 'transcriptions';

export interface ReceivedRequest {
  route: FakeRoute;
  model: string | null;
  /** Chat: the last user message; images: the prompt; speech: the input text. */
  prompt: string | null;
  authorization: string | null;
  body: unknown;
}

/** A scripted answer used once, before the default answers. */
export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { chatContent: string }
  /** Answer normally, but only after this long (to trip client timeouts). */
  | { delayMs: number };

/** A 2×2 red PNG. */
export const TINY_PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DAwMDAwMAAAB8AA/+7Jl8AAAAASUVORK5CYII=';

export const DEFAULT_FAKE_SCRIPT = {
  title: 'Octopus facts',
  segments: [
    {
      text: 'Octopuses have three hearts.',
      imagePrompt: 'an octopus with glowing hearts',
      duration: 4,
    },
    { text: 'Their blood is blue.', imagePrompt: 'blue blood cells under the sea', duration: 3 },
    { text: 'Follow for more ocean facts!', imagePrompt: 'a happy octopus waving', duration: 3 },
  ],
};

/** Fake speech lasts in proportion to characters, so different texts give different WAV lengths. */
const SECONDS_PER_CHARACTER = 0.06;

export class FakeOpenAiServer {
  readonly received: ReceivedRequest[] = [];
  private readonly queues = new Map<FakeRoute, ScriptedReply[]>();
  scriptReply: unknown = DEFAULT_FAKE_SCRIPT;

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  static async start(lifetimeMs = 120_000): Promise<FakeOpenAiServer> {
    let fake: FakeOpenAiServer | null = null;
    const server = http.createServer((req, res) => {
      void fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    const { port } = server.address() as AddressInfo;
    fake = new FakeOpenAiServer(server, `http://127.0.0.1:${port}/v1`);
    const started = fake;
    setTimeout(() => void started.close(), lifetimeMs).unref();
    return fake;
  }

  /** Queues replies for a route; they are used in order, then defaults resume. */
  enqueue(route: FakeRoute, ...replies: ScriptedReply[]): void {
    this.queues.set(route, [...(this.queues.get(route) ?? []), ...replies]);
  }

  count(route: FakeRoute): number {
    return this.received.filter((r) => r.route === route).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const route = routeOf(req.url ?? '');
    if (!route) {
      sendJson(res, 404, { error: { message: `no route ${req.url ?? ''}` } });
      return;
    }
    const isJson = (req.headers['content-type'] ?? '').includes('application/json');
    const body: Record<string, unknown> = isJson
      ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)
      : multipartFields(raw);
    this.received.push({
      route,
      model: typeof body.model === 'string' ? body.model : null,
      prompt: promptOf(route, body),
      authorization: req.headers.authorization ?? null,
      body,
    });
    const scripted = this.queues.get(route)?.shift();
    if (scripted && 'delayMs' in scripted) {
      await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      if (res.destroyed) return;
    }
    if (scripted && 'status' in scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(
        JSON.stringify(scripted.body ?? { error: { message: `scripted ${scripted.status}` } }),
      );
      return;
    }
    const content = scripted && 'chatContent' in scripted ? scripted.chatContent : undefined;
    switch (route) {
      case 'chat':
        this.answerChat(res, body, content ?? JSON.stringify(this.scriptReply));
        return;
      case 'images':
        sendJson(res, 200, { created: 0, data: [{ b64_json: TINY_PNG_B64 }] });
        return;
      case 'speech': {
        const text = typeof body.input === 'string' ? body.input : '';
        const wav = withTextChunk(
          silenceWav(Math.max(0.5, text.length * SECONDS_PER_CHARACTER), 8000),
          text,
        );
        res.writeHead(200, { 'content-type': 'audio/wav' });
        res.end(wav);
        return;
      }
      case 'transcriptions':
        sendJson(res, 200, this.transcribe(raw));
        return;
    }
  }

  private answerChat(
    res: http.ServerResponse,
    body: Record<string, unknown>,
    content: string,
  ): void {
    const model = typeof body.model === 'string' ? body.model : 'fake';
    const usage = { prompt_tokens: 50, completion_tokens: 80, total_tokens: 130 };
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const pieces = content.match(/.{1,16}/gs) ?? [content];
      for (const piece of pieces) {
        res.write(`data: ${JSON.stringify(chunk(model, { content: piece }, null))}\n\n`);
      }
      res.write(`data: ${JSON.stringify(chunk(model, {}, 'stop'))}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    sendJson(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 0,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage,
    });
  }

  private transcribe(raw: Buffer): unknown {
    const at = raw.indexOf('RIFF');
    const wav = at >= 0 ? raw.subarray(at, at + 8 + raw.readUInt32LE(at + 4)) : Buffer.alloc(0);
    const duration = at >= 0 ? readWavInfo(wav).durationSec : 1;
    const text = readTextChunk(wav) ?? 'hello world';
    const words = text.split(/\s+/).filter(Boolean);
    const step = duration / Math.max(1, words.length);
    return {
      task: 'transcribe',
      language: 'english',
      duration,
      text,
      words: words.map((word, i) => ({ word, start: i * step, end: (i + 1) * step })),
    };
  }
}

/**
 * Appends a `TEXT` chunk holding what was "spoken", so the fake transcription returns the real
 * words (WAV readers skip chunks they do not know).
 */
function withTextChunk(wav: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.write('TEXT', 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  const pad = Buffer.alloc(body.length % 2);
  const out = Buffer.concat([wav, header, body, pad]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

function readTextChunk(wav: Buffer): string | null {
  let offset = 12;
  while (offset + 8 <= wav.length) {
    const size = wav.readUInt32LE(offset + 4);
    if (wav.toString('ascii', offset, offset + 4) === 'TEXT') {
      return wav.toString('utf8', offset + 8, offset + 8 + size);
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function routeOf(url: string): FakeRoute | null {
  if (url.endsWith('/chat/completions')) return 'chat';
  if (url.endsWith('/images/generations')) return 'images';
  if (url.endsWith('/audio/speech')) return 'speech';
  if (url.endsWith('/audio/transcriptions')) return 'transcriptions';
  return null;
}

function promptOf(route: FakeRoute, body: Record<string, unknown>): string | null {
  if (route === 'chat' && Array.isArray(body.messages)) {
    const users = (body.messages as { role: string; content: string }[]).filter(
      (m) => m.role === 'user',
    );
    return users.at(-1)?.content ?? null;
  }
  if (route === 'images' && typeof body.prompt === 'string') return body.prompt;
  if (route === 'speech' && typeof body.input === 'string') return body.input;
  return null;
}

/** The text fields of a multipart/form-data body (the file part is skipped). */
function multipartFields(raw: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  const pattern = /name="([^"]+)"\r\n\r\n([^\r]*)\r\n/g;
  for (const match of raw.toString('latin1').matchAll(pattern)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) fields[name] = value;
  }
  return fields;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
