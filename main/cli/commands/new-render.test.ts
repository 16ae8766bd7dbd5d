import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { runCli } from '../../cli';

const tempDir = useTempDirs();
const ffmpeg = process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg';
const ffprobe = path.join(path.dirname(ffmpeg), 'ffprobe');

describe('reelsmith new --render (offline, end to end)', () => {
  it('turns an idea into a 1080×1920 video with voice and captions', async () => {
    const dir = tempDir();
    const output = path.join(dir, 'x.mp4');
    let err = '';
    const stderr = new PassThrough();
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runCli(
      [
        '--data-dir',
        dir,
        'new',
        '--idea',
        'three facts about octopuses',
        '--provider',
        'offline',
        '--render',
        '-o',
        output,
      ],
      {
        stdout: new PassThrough(),
        stderr,
        env: { PATH: process.env.PATH, FFMPEG_BIN: ffmpeg },
        isTTY: false,
      },
    );
    expect(err).not.toContain('reelsmith:');
    expect(code).toBe(0);
    const probe = JSON.parse(
      execFileSync(
        ffprobe,
        ['-v', 'error', '-show_entries', 'stream=codec_type,width,height', '-of', 'json', output],
        { encoding: 'utf8' },
      ),
    ) as { streams: { codec_type: string; width?: number; height?: number }[] };
    expect(probe.streams).toContainEqual(
      expect.objectContaining({ codec_type: 'video', width: 1080, height: 1920 }),
    );
    expect(probe.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    // A spoken voice, not the silence fallback (espeak-ng is installed where this runs).
    const detect = spawnSync(
      ffmpeg,
      ['-hide_banner', '-i', output, '-af', 'volumedetect', '-f', 'null', '-'],
      { encoding: 'utf8' },
    );
    const mean = Number(/mean_volume: (-?[\d.]+) dB/.exec(detect.stderr)?.[1] ?? '-91');
    expect(mean).toBeGreaterThan(-40);
  }, 300_000);
});
