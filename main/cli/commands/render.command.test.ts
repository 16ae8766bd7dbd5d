import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli';
import { bar, progressBar } from './render.command';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { probe, still } from '../../pipeline/render/render-test-kit';

const tempDir = useTempDirs();

const run = runCliCaptured;

describe('reelsmith render', () => {
  it('renders a timeline.json (media relative to it) and ends with one JSON line', async () => {
    const dir = tempDir();
    still(dir, 'blue.png', 'blue', 320, 568);
    const timeline = {
      version: 1,
      output: { width: 320, height: 568 },
      encoder: { speed: 'ultrafast', hardware: false },
      clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 1, fit: 'blur' }],
    };
    fs.writeFileSync(path.join(dir, 'timeline.json'), JSON.stringify(timeline));
    const output = path.join(dir, 'out.mp4');
    const r = await run([
      'render',
      path.join(dir, 'timeline.json'),
      '-o',
      output,
      '--json',
      '--data-dir',
      tempDir(),
    ]);
    expect(r.code, r.err).toBe(0);
    const last = JSON.parse(r.out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ output, encoder: 'libx264', duration: 1 });
    expect(typeof last.seconds).toBe('number');
    expect(Number(probe(output).format.duration)).toBeCloseTo(1, 1);

    const proxy = path.join(dir, 'proxy.mp4');
    const p = await run([
      'render',
      path.join(dir, 'timeline.json'),
      '-o',
      proxy,
      '--preset',
      'proxy',
      '--data-dir',
      tempDir(),
    ]);
    expect(p.code, p.err).toBe(0);
    expect(probe(proxy).streams.find((s) => s.codec_type === 'video')).toMatchObject({
      width: 160,
      height: 284,
    });
  });

  it('refuses an unknown preset (exit 2) and names a missing timeline file (exit 1)', async () => {
    const dir = tempDir();
    expect(
      (await run(['render', 'x.json', '-o', 'o.mp4', '--preset', 'vhs', '--data-dir', dir])).code,
    ).toBe(2);
    const missing = await run([
      'render',
      path.join(dir, 'nope.json'),
      '-o',
      'o.mp4',
      '--data-dir',
      dir,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.json');
  });

  it('draws a progress bar with percent and ETA on a terminal, ending its line; none without one', async () => {
    const dir = tempDir();
    still(dir, 'blue.png', 'blue', 160, 284);
    const timeline = {
      version: 1,
      output: { width: 160, height: 284 },
      encoder: { speed: 'ultrafast', hardware: false },
      clips: [{ type: 'image', media: { path: 'blue.png' }, duration: 2 }],
    };
    fs.writeFileSync(path.join(dir, 'timeline.json'), JSON.stringify(timeline));
    /** The CLI with stderr as a terminal would be (isTTY) or as a pipe. */
    const runAs = async (terminal: boolean, extra: string[] = []) => {
      const stdout = new PassThrough();
      const stderr = Object.assign(new PassThrough(), { isTTY: terminal });
      let out = '';
      let err = '';
      stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await runCli(
        ['render', path.join(dir, 'timeline.json'), '-o', path.join(dir, 'out.mp4'), ...extra],
        { stdout, stderr, env: { PATH: process.env.PATH }, isTTY: terminal },
      );
      return { code, out, err };
    };

    const tty = await runAs(true, ['--data-dir', tempDir()]);
    expect(tty.code, tty.err).toBe(0);
    // Redrawn in place with \r, never a newline in between; the last drawing is 100 % with
    // its ETA, and one newline ends the bar.
    const drawings = tty.err.split('\r').filter(Boolean);
    expect(drawings.length).toBeGreaterThanOrEqual(1);
    for (const d of drawings.slice(0, -1)) expect(d).toMatch(/^\[[#.]{30}\]\s+\d+\.\d%/);
    const last = drawings.at(-1) ?? '';
    expect(last).toMatch(/^\[#{30}\] 100\.0%.* ETA 0s\s*\n$/);
    expect(tty.err.indexOf('\n')).toBe(tty.err.length - 1);
    expect(tty.out).toMatch(/^Rendered .*out\.mp4 \(2\.00 s\)/);
    expect(Number(probe(path.join(dir, 'out.mp4')).format.duration)).toBeCloseTo(2, 1);

    const piped = await runAs(false, ['--data-dir', tempDir()]);
    expect(piped.code, piped.err).toBe(0);
    expect(piped.err).toBe('');
    expect(piped.out).toMatch(/^Rendered /);

    // --json on a terminal: the JSON line only, no bar.
    const json = await runAs(true, ['--json', '--data-dir', tempDir()]);
    expect(json.code, json.err).toBe(0);
    expect(json.err).toBe('');
  }, 120_000);

  it('ends a drawn bar with one newline (also when the render fails) and an undrawn one not at all', () => {
    let written = '';
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const drawn = progressBar(stream, true);
    drawn.onProgress?.({ percent: 40, speed: 2, etaSeconds: 1.5 });
    // What the command's finally does after a failure, and again after success: one newline.
    drawn.end();
    drawn.end();
    stream.read();
    expect(written).toBe(`${bar({ percent: 40, speed: 2, etaSeconds: 1.5 })}\n`);
    expect(written).toMatch(/^\r\[#{12}\.{18}\] {2}40\.0% 2\.00x ETA 2s\s+\n$/);
    const idle = progressBar(stream, true);
    idle.end();
    expect(progressBar(stream, false).onProgress).toBeUndefined();
    expect(written.split('\n')).toHaveLength(2);
  });
});
