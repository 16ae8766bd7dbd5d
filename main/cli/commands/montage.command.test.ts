import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { GenerateResult } from '../../../shared/contract/montage.contract';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  FFPROBE,
  clickTrack,
  corruptClip,
  eventsClip,
} from '../../pipeline/montage/testing/fixture-clips';
import { ensureFonts } from '../../pipeline/render/render-test-kit';
import { runCli } from '../../cli';

const tempDir = useTempDirs();
let clips: string[] = [];
let music = '';

beforeAll(() => {
  ensureFonts();
  const dir = tempDir();
  clips = [eventsClip(dir), corruptClip(dir)];
  music = clickTrack(dir, 120, 20);
});

function ffprobe(file: string) {
  return JSON.parse(
    execFileSync(FFPROBE, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
      encoding: 'utf8',
    }),
  ) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration: string };
  };
}

async function run(argv: string[], isTTY = false) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const env = { PATH: process.env.PATH, FFMPEG_BIN: process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg' };
  const code = await runCli(argv, { stdout, stderr, env, isTTY });
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

  it('renders the montage with -o: beats from --music, the corrupt clip skipped, one JSON line', async () => {
    const output = path.join(tempDir(), 'montage.mp4');
    const { code, out, err } = await run([
      'montage',
      ...clips,
      '--duration',
      '5',
      '--music',
      music,
      '--preset',
      'tiktok',
      '--intro',
      'GG',
      '-o',
      output,
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    expect(code).toBe(0);
    expect(err).toMatch(/skipped corrupt\.mp4/);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] ?? '') as {
      output: string;
      duration: number;
      bpm: number;
      cuts: number[];
      skipped: { name: string }[];
    };
    expect(summary.output).toBe(output);
    expect(summary.bpm).toBeCloseTo(120, 0);
    expect(summary.skipped.map((s) => s.name)).toEqual(['corrupt.mp4']);
    // Cuts on the click track's grid (every 0.5 s from 0.2 s), within a frame.
    for (const cut of summary.cuts) {
      const onGrid = 0.2 + Math.round((cut - 0.2) * 2) / 2;
      expect(Math.abs(cut - onGrid)).toBeLessThanOrEqual(1 / 30 + 0.02);
    }
    const info = ffprobe(output);
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({
      codec_name: 'h264',
      width: 1080,
      height: 1920,
    });
    expect(info.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    expect(Number(info.format.duration)).toBeCloseTo(summary.duration, 0);
  }, 240_000);

  it('shows a progress bar on a terminal and refuses a bad preset', async () => {
    const output = path.join(tempDir(), 'square.mp4');
    const args = [clips[0] ?? '', '--duration', '3', '--preset', 'square', '-o', output];
    const { code, out, err } = await run(['montage', ...args, '--data-dir', tempDir()], true);
    expect(code).toBe(0);
    expect(err).toMatch(/\[#+\.*\] +\d+\.\d%/);
    expect(out).toMatch(/^Rendered .*square\.mp4/);
    expect(ffprobe(output).streams.find((s) => s.codec_type === 'video')).toMatchObject({
      width: 1080,
      height: 1080,
    });
    const bad = await run(['montage', clips[0] ?? '', '--preset', 'vhs', '-o', output]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--preset must be one of/);
  }, 240_000);
});
