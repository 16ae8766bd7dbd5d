import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { runCli } from '../../cli';

const tempDir = useTempDirs();
const ffmpeg = process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg';
const ffprobe = path.join(path.dirname(ffmpeg), 'ffprobe');

describe('reelsmith new --render (offline, end to end)', () => {
  it('turns an idea into a 1080×1920 video with voice and captions', async () => {
    const dir = tempDir();
    const output = path.join(dir, 'x.mp4');
    const timelineFile = path.join(dir, 'timeline.json');
    let err = '';
    const stderr = new PassThrough();
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await runCli(
      [
        '--data-dir',
        dir,
        'new',
        '--idea',
        'three facts about octopuses',
        '--provider',
        'offline',
        '--duration',
        '10',
        '--timeline',
        timelineFile,
        '--json',
        '--render',
        '-o',
        output,
      ],
      {
        stdout,
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

    // It went through the library: the timeline came from the project, which is now rendered.
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      projectId: string;
      output: string;
    };
    expect(result.output).toBe(output);
    const timeline = JSON.parse(fs.readFileSync(timelineFile, 'utf8')) as {
      captions?: { words: { text: string }[] };
      audio: { voice: unknown[] };
      clips: unknown[];
    };
    expect(timeline.captions?.words.length).toBeGreaterThan(5);
    expect(timeline.audio.voice).toHaveLength(timeline.clips.length);
    const listed = await runCliCaptured(['--data-dir', dir, 'projects', 'list', '--json']);
    expect(JSON.parse(listed.out)).toMatchObject({
      total: 1,
      items: [{ id: result.projectId, status: 'rendered' }],
    });
  }, 300_000);
});
