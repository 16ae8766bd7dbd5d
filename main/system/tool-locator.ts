/**
 * Finds ffmpeg and ffprobe and reads their versions.
 *
 * ffmpeg: setting → `FFMPEG_BIN` → the `ffmpeg-static` package → PATH.
 * ffprobe: setting → `FFPROBE_BIN` → beside the ffmpeg found → PATH.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ToolInfo } from '../../shared/contract/app.contract';

type Source = Extract<ToolInfo, { found: true }>['source'];

export interface LocatorInputs {
  settingPath: string | null;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Searches PATH (and PATHEXT on Windows) like a shell would. */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext.toLowerCase());
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * The binary bundled in the `ffmpeg-static` package. Its own export returns `FFMPEG_BIN` when
 * that is set, so we look for the file in the package folder instead: the env variable has its
 * own place in the lookup order.
 */
function ffmpegStaticPath(platform: NodeJS.Platform): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('ffmpeg-static/package.json');
    return path.join(path.dirname(pkg), platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
  } catch {
    return null;
  }
}

interface Candidate {
  path: string | null | undefined;
  source: Source;
}

function firstExisting(
  candidates: Candidate[],
): { path: string; source: Source } | { tried: string[] } {
  const tried: string[] = [];
  for (const candidate of candidates) {
    if (!candidate.path) continue;
    if (isExecutableFile(candidate.path)) return { path: candidate.path, source: candidate.source };
    tried.push(`${candidate.source}: ${candidate.path}`);
  }
  return { tried };
}

/** Runs `<tool> -version` and returns its first line's version word. */
export function readToolVersion(file: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      ['-hide_banner', '-version'],
      { timeout: timeoutMs, windowsHide: true },
      (error, stdout) => {
        if (error) {
          reject(new Error(error.message));
          return;
        }
        const match = /version\s+(\S+)/.exec(stdout);
        resolve(match?.[1] ?? stdout.split('\n')[0]?.trim() ?? 'unknown');
      },
    );
  });
}

async function describe(
  name: string,
  found: { path: string; source: Source } | { tried: string[] },
  hint: string,
): Promise<ToolInfo> {
  if ('tried' in found) {
    const tried = found.tried.length > 0 ? ` (not usable: ${found.tried.join(', ')})` : '';
    return { found: false, message: `${name} not found${tried}. ${hint}` };
  }
  try {
    const version = await readToolVersion(found.path);
    return { found: true, path: found.path, version, source: found.source };
  } catch (error) {
    return {
      found: false,
      message: `${name} at ${found.path} did not run: ${(error as Error).message}`,
    };
  }
}

export async function locateFfmpeg({
  settingPath,
  env,
  platform,
}: LocatorInputs): Promise<ToolInfo> {
  const found = firstExisting([
    { path: settingPath, source: 'setting' },
    { path: env.FFMPEG_BIN, source: 'env' },
    { path: ffmpegStaticPath(platform ?? process.platform), source: 'ffmpeg-static' },
    { path: findOnPath('ffmpeg', env, platform), source: 'path' },
  ]);
  return describe(
    'ffmpeg',
    found,
    'Install ffmpeg, set FFMPEG_BIN, or choose its path in Settings.',
  );
}

export async function locateFfprobe(
  { settingPath, env, platform }: LocatorInputs,
  ffmpeg: ToolInfo,
): Promise<ToolInfo> {
  const exe = (platform ?? process.platform) === 'win32' ? 'ffprobe.exe' : 'ffprobe';
  const found = firstExisting([
    { path: settingPath, source: 'setting' },
    { path: env.FFPROBE_BIN, source: 'env' },
    {
      path: ffmpeg.found ? path.join(path.dirname(ffmpeg.path), exe) : null,
      source: 'beside-ffmpeg',
    },
    { path: findOnPath('ffprobe', env, platform), source: 'path' },
  ]);
  return describe(
    'ffprobe',
    found,
    'Install ffmpeg (it ships ffprobe), set FFPROBE_BIN, or choose its path in Settings.',
  );
}
