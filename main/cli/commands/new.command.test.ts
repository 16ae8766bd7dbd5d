import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { runCli } from '../../cli';
import { FakeOpenAiServer } from '../../pipeline/generate/testing/fake-openai.server';

const tempDir = useTempDirs();
let fake: FakeOpenAiServer;
beforeEach(async () => {
  fake = await FakeOpenAiServer.start();
});
afterEach(() => fake.close());

async function run(argv: string[], env: NodeJS.ProcessEnv = {}, dataDir = tempDir()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(['--data-dir', dataDir, ...argv], {
    stdout,
    stderr,
    // No D-Bus session: the keychain is unavailable, as on a headless box.
    env: {
      PATH: process.env.PATH,
      FFMPEG_BIN: process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg',
      ...env,
    },
    isTTY: false,
  });
  return {
    code,
    out,
    err,
    lines: out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('reelsmith new', () => {
  it('needs --idea', async () => {
    const { code, err } = await run(['new']);
    expect(code).toBe(2);
    expect(err).toContain('--idea is required');
  });

  it('generates through an OpenAI-compatible server with the key from OPENAI_API_KEY', async () => {
    const { code, lines, err } = await run(
      [
        'new',
        '--idea',
        'three facts about octopuses',
        '--provider',
        'openai',
        '--base-url',
        fake.baseUrl,
        '--model',
        'llama3.1',
        '--json',
      ],
      { OPENAI_API_KEY: 'sk-from-env' },
    );
    expect(err).not.toContain('error');
    expect(code).toBe(0);
    const result = lines.at(-1)!;
    expect(result).toMatchObject({ state: 'completed', output: null });
    expect(typeof result.projectId).toBe('string');
    expect(
      lines.some((l) => l.event === 'progress' && l.stage === 'captions' && l.state === 'done'),
    ).toBe(true);
    expect(fake.received[0]).toMatchObject({
      route: 'chat',
      model: 'llama3.1',
      authorization: 'Bearer sk-from-env',
    });
  });

  it('generates offline (no network) and writes the render timeline', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'timeline.json');
    const { code, lines } = await run(
      [
        'new',
        '--idea',
        'three facts about octopuses',
        '--provider',
        'offline',
        '--duration',
        '12',
        '--timeline',
        file,
        '--json',
      ],
      {},
      dir,
    );
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatchObject({ state: 'completed' });
    const timeline = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      clips: { media: { path: string } }[];
      audio: { voice: unknown[] };
      captions: { words: unknown[] };
    };
    expect(timeline.clips.length).toBeGreaterThanOrEqual(3);
    expect(timeline.audio.voice).toHaveLength(timeline.clips.length);
    expect(timeline.captions.words.length).toBeGreaterThan(10);
    expect(fs.existsSync(timeline.clips[0]!.media.path)).toBe(true);
    expect(fake.received).toHaveLength(0);
  }, 120_000);

  it('exits 1 with a readable reason when generation fails, and --resume continues the job', async () => {
    const dataDir = tempDir();
    fake.enqueue('images', { status: 401, body: { error: { message: 'Incorrect API key' } } });
    const args = ['new', '--idea', 'octopuses', '--provider', 'openai', '--base-url', fake.baseUrl];
    const failed = await run(args, { OPENAI_API_KEY: 'sk-bad' }, dataDir);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(
      /Generation failed at images: image: the server answered 401.*API key/,
    );
    const jobId = /--resume (\S+)\)/.exec(failed.err)?.[1] ?? '';
    const resumed = await run(
      ['new', '--resume', jobId, '--json'],
      { OPENAI_API_KEY: 'sk-good' },
      dataDir,
    );
    expect(resumed.err).not.toContain('reelsmith:');
    expect(resumed.code).toBe(0);
    expect(resumed.lines.at(-1)).toMatchObject({ jobId, state: 'completed' });
    expect(fake.count('chat')).toBe(1);
    expect(fake.received.at(-1)?.authorization).toBe('Bearer sk-good');
  });
});
