/** Runs the built CLI (`bin/reelsmith.js`) as a child process against a data folder. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../../bin/reelsmith.js');

/**
 * Runs `reelsmith ARGS --data-dir DATA_DIR` (no shell may hold the folder) with the system
 * ffmpeg, up to 10 minutes, and returns its stdout; throws with its stderr when it fails.
 */
export function runBuiltCli(dataDir: string, args: string[]): string {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
    env: { ...process.env, FFMPEG_BIN: '/usr/bin/ffmpeg' },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`reelsmith ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/** Generates a project from `idea` with the offline provider and renders it to `output`. */
export function renderOfflineProject(dataDir: string, idea: string, output: string): void {
  runBuiltCli(dataDir, [
    'new',
    '--idea',
    idea,
    '--duration',
    '10',
    '--provider',
    'offline',
    '--render',
    '-o',
    output,
  ]);
}
