import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../tests/helpers/temp-dir';
import { runCliCaptured } from '../tests/helpers/run-cli';
import { DataDirLock } from './config/data-dir-lock';
import { APP_VERSION } from './config/version';

const tempDir = useTempDirs();

const run = runCliCaptured;

describe('reelsmith CLI', () => {
  it('--help lists the commands and global options', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: reelsmith <command>');
    expect(out).toMatch(/serve\s+Run the studio in your browser/);
    expect(out).toContain('--data-dir DIR');
  });

  it('--version prints the version, also as JSON', async () => {
    expect((await run(['--version'])).out.trim()).toBe(APP_VERSION);
    expect(JSON.parse((await run(['--json', '-V'])).out)).toEqual({ version: APP_VERSION });
  });

  it('an unknown command exits 2 with usage on stderr', async () => {
    const { code, out, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('Unknown command: frobnicate');
    expect(err).toContain('Usage: reelsmith <command>');
  });

  it('an unknown option of a command exits 2', async () => {
    const { code, err } = await run(['info', '--bogus', '--data-dir', tempDir()]);
    expect(code).toBe(2);
    expect(err).toContain('--bogus');
  });

  it('no command at all prints usage and exits 2', async () => {
    const { code, out } = await run([]);
    expect(code).toBe(2);
    expect(out).toContain('Commands:');
  });

  it('accepts --data-dir and --json anywhere on the line', async () => {
    const dir = tempDir();
    for (const argv of [
      ['--json', 'info', '--data-dir', dir],
      ['info', `--data-dir=${dir}`, '--json'],
      ['--data-dir', dir, '--json', 'info'],
    ]) {
      const { code, out } = await run(argv, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
      expect(code).toBe(0);
      const info = JSON.parse(out) as { dataDir: string; ffmpeg: { found: boolean } };
      expect(info.dataDir).toBe(dir);
      expect(info.ffmpeg.found).toBe(true);
    }
  });

  it('REELSMITH_DATA_DIR chooses the data folder when --data-dir is absent', async () => {
    const dir = tempDir();
    const { out } = await run(['info', '--json'], { REELSMITH_DATA_DIR: dir });
    expect((JSON.parse(out) as { dataDir: string }).dataDir).toBe(dir);
  });

  it('--data-dir without a value is a usage error', async () => {
    const { code, err } = await run(['info', '--data-dir']);
    expect(code).toBe(2);
    expect(err).toContain('--data-dir needs a folder');
  });

  it('names the running instance when the data folder is locked', async () => {
    const dir = tempDir();
    const lock = DataDirLock.acquire(dir, { kind: 'browser shell' });
    lock.setUrl('http://127.0.0.1:4000/');
    try {
      const { code, out, err } = await run(['info', '--json', '--data-dir', dir]);
      expect(code).toBe(1);
      expect(err).toContain('in use by Reelsmith browser shell');
      expect(err).toContain('http://127.0.0.1:4000/');
      expect(JSON.parse(out)).toMatchObject({ error: { code: 'LOCKED' } });
    } finally {
      lock.release();
    }
  });
});
