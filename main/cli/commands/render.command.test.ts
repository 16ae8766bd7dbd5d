import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
