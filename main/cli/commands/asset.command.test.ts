import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

describe('reelsmith asset', () => {
  it('writes every emote size into the folder and prints them as JSON', async () => {
    const out = path.join(tempDir(), 'emotes');
    const {
      code,
      out: stdout,
      err,
    } = await runCliCaptured([
      'asset',
      '--type',
      'twitch_emote',
      '--prompt',
      'a fox giving a thumbs up',
      '--text',
      'GG',
      '--variants',
      '2',
      '--pick',
      '2',
      '--provider',
      'offline',
      '-o',
      out,
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      picked: number;
      files: { name: string; path: string; bytes: number }[];
    };
    expect(result.picked).toBe(2);
    expect(fs.readdirSync(out).sort()).toEqual([
      'twitch_emote_112x112.png',
      'twitch_emote_28x28.png',
      'twitch_emote_56x56.png',
    ]);
    for (const f of result.files) {
      const meta = await sharp(f.path).metadata();
      expect(`${String(meta.width)}x${String(meta.height)}`).toBe(/_(\d+x\d+)\./.exec(f.name)?.[1]);
      expect(meta.hasAlpha).toBe(true);
      expect(fs.statSync(f.path).size).toBe(f.bytes);
    }
  }, 60_000);

  it('refuses an unknown type and an unknown brand kit with clear messages', async () => {
    const dir = tempDir();
    const bad = await runCliCaptured(['asset', '--type', 'mug', '--prompt', 'x', '-o', dir]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--type must be one of twitch_emote, /);
    const noKit = await runCliCaptured([
      'asset',
      '--type',
      'twitch_panel',
      '--prompt',
      'x',
      '--brand-kit',
      'missing',
      '-o',
      dir,
      '--data-dir',
      tempDir(),
    ]);
    expect(noKit.code).not.toBe(0);
    expect(noKit.err).toMatch(/No such brand kit: missing/);
  });
});
