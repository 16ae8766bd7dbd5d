import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { findOnPath, locateFfmpeg, locateFfprobe } from './tool-locator';

const tempDir = useTempDirs();

/** A fake tool that prints an ffmpeg-like version line. */
function fakeTool(dir: string, name: string, version: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    `#!/bin/sh\necho "${name} version ${version} Copyright (c) the FFmpeg developers"\n`,
    { mode: 0o755 },
  );
  return file;
}

describe('locating ffmpeg and ffprobe', () => {
  it('prefers the setting, then FFMPEG_BIN, then PATH', async () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    const setting = fakeTool(a, 'ffmpeg', '9.9-setting');
    const env = fakeTool(b, 'ffmpeg', '8.8-env');
    fakeTool(c, 'ffmpeg', '7.7-path');
    expect(await locateFfmpeg({ settingPath: setting, env: { FFMPEG_BIN: env, PATH: c } })).toEqual(
      {
        found: true,
        path: setting,
        version: '9.9-setting',
        source: 'setting',
      },
    );
    expect(
      await locateFfmpeg({ settingPath: null, env: { FFMPEG_BIN: env, PATH: c } }),
    ).toMatchObject({
      version: '8.8-env',
      source: 'env',
    });
  });

  it('finds ffprobe beside the ffmpeg found, before PATH', async () => {
    const a = tempDir();
    const other = tempDir();
    const ffmpeg = await locateFfmpeg({
      settingPath: fakeTool(a, 'ffmpeg', '1'),
      env: { PATH: other },
    });
    fakeTool(a, 'ffprobe', '1-beside');
    fakeTool(other, 'ffprobe', '2-path');
    expect(await locateFfprobe({ settingPath: null, env: { PATH: other } }, ffmpeg)).toMatchObject({
      version: '1-beside',
      source: 'beside-ffmpeg',
    });
    expect(
      await locateFfprobe(
        { settingPath: null, env: { PATH: other, FFPROBE_BIN: path.join(other, 'ffprobe') } },
        ffmpeg,
      ),
    ).toMatchObject({
      source: 'env',
    });
  });

  it('says clearly when nothing is found, naming what was tried', async () => {
    const result = await locateFfmpeg({
      settingPath: '/nonexistent/ffmpeg',
      env: { PATH: tempDir() },
    });
    expect(result.found).toBe(false);
    if (!result.found) {
      expect(result.message).toContain('ffmpeg not found');
      expect(result.message).toContain('setting: /nonexistent/ffmpeg');
      expect(result.message).toContain('FFMPEG_BIN');
    }
  });

  it('reports a tool that exists but does not run', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'ffmpeg');
    fs.writeFileSync(broken, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const result = await locateFfmpeg({ settingPath: broken, env: { PATH: '' } });
    expect(result).toMatchObject({ found: false, message: expect.stringContaining('did not run') });
  });

  it('finds the real Debian ffmpeg on PATH', async () => {
    expect(findOnPath('ffmpeg', { PATH: '/nowhere:/usr/bin' })).toBe('/usr/bin/ffmpeg');
    const real = await locateFfmpeg({ settingPath: null, env: { PATH: '/usr/bin' } });
    expect(real).toMatchObject({ found: true, version: expect.stringMatching(/^\d/) });
  });
});
