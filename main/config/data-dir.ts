/**
 * The per-user data folder, shared by the Electron app, the browser shell and the CLI.
 *
 * It is the folder Electron's `app.getPath('userData')` gives an app named Reelsmith, so every
 * shell finds the same library: `%APPDATA%\Reelsmith`, `~/Library/Application Support/Reelsmith`,
 * `$XDG_CONFIG_HOME/Reelsmith` (default `~/.config/Reelsmith`).
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { APP_NAME } from './version';

export interface DataDirInputs {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** Electron's appData folder for this platform, joined with the app name. */
export function defaultDataDir({ platform, env, home }: DataDirInputs): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const join = (...parts: string[]) => paths.join(...parts);
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME);
    default:
      return join(
        env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
          ? env.XDG_CONFIG_HOME
          : join(home, '.config'),
        APP_NAME,
      );
  }
}

/** `--data-dir` wins, then `REELSMITH_DATA_DIR`, then the platform default. */
export function resolveDataDir(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flag ?? env.REELSMITH_DATA_DIR;
  if (chosen !== undefined && chosen.trim() !== '') return path.resolve(chosen);
  return defaultDataDir({ platform: process.platform, env, home: os.homedir() });
}

/** Creates the data folder (owner-only on POSIX) if needed. */
export function ensureDataDir(dir: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new AppError('IO', `Cannot create the data folder ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return dir;
}
