import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { GenerateResult } from '../../../shared/contract/montage.contract';
import { corruptClip, eventsClip } from '../../pipeline/montage/testing/fixture-clips';
import { runCli } from '../../cli';

const tempDir = useTempDirs();
let clips: string[] = [];

beforeAll(() => {
  const dir = tempDir();
  clips = [eventsClip(dir), corruptClip(dir)];
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const env = { PATH: process.env.PATH, FFMPEG_BIN: process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg' };
  const code = await runCli(argv, { stdout, stderr, env, isTTY: false });
  return { code, out, err };
}

describe('reelsmith montage', () => {
  it('prints the plan as JSON, the corrupt clip reported as skipped', async () => {
    const { code, out } = await run([
      'montage',
      ...clips,
      '--duration',
      '4',
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    expect(code).toBe(0);
    const result = GenerateResult.parse(JSON.parse(out));
    expect(result.clips.map((c) => c.status)).toEqual(['ok', 'skipped']);
    expect(result.moments.reduce((s, m) => s + m.endS - m.startS, 0)).toBeCloseTo(4);
  });

  it('prints a readable plan, and usage without clips', async () => {
    const { code, out, err } = await run([
      'montage',
      clips[0] ?? '',
      '--duration',
      '5',
      '--data-dir',
      tempDir(),
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/events\.mp4 .*loud burst/);
    expect(err).toBe('');
    expect((await run(['montage', '--data-dir', tempDir()])).code).toBe(2);
  });
});
