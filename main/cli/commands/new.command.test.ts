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

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(['--data-dir', tempDir(), ...argv], {
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

  it('exits 1 with a readable reason when generation fails', async () => {
    fake.enqueue('chat', { status: 401, body: { error: { message: 'Incorrect API key' } } });
    const { code, err } = await run(
      ['new', '--idea', 'octopuses', '--provider', 'openai', '--base-url', fake.baseUrl],
      { OPENAI_API_KEY: 'sk-bad' },
    );
    expect(code).toBe(1);
    expect(err).toMatch(/Generation failed at script: script: the server answered 401.*API key/);
  });
});
