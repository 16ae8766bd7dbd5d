/**
 * The headless CLI (`reelsmith`, `npm run cli --`, `npx reelsmith`).
 *
 * Exit codes: 0 success, 1 the command failed, 2 the command line was wrong (usage printed).
 */
import { AppError } from '../shared/errors';
import { parseGlobal, UsageError } from './cli/args';
import type { CliIo } from './cli/command';
import { commands } from './cli/commands';
import { resolveDataDir } from './config/data-dir';
import { connectControl } from './control/control-client';
import { APP_VERSION } from './config/version';
import { prepareLibrary } from './store/db/prepare-library';
import { createStderrLogger } from './util/logger';

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Reelsmith ${APP_VERSION}: short-form video studio`,
    '',
    'Usage: reelsmith <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options (anywhere on the line):',
    '  --data-dir DIR  use this data folder (else REELSMITH_DATA_DIR, else the per-user default)',
    '  --json          machine-readable output: one JSON object per line',
    '  --help, -h      show help (reelsmith <command> --help for a command)',
    '  --version, -V   show the version',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const { globals, command, rest } = parseGlobal(argv);
    json = globals.json;
    if (globals.version) {
      io.stdout.write(json ? `${JSON.stringify({ version: APP_VERSION })}\n` : `${APP_VERSION}\n`);
      return 0;
    }
    const found = commands.find((c) => c.name === command);
    if (globals.help || command === undefined || command === 'help') {
      io.stdout.write(found ? `Usage: ${found.usage}\n` : usage());
      return command === undefined && !globals.help ? 2 : 0;
    }
    if (!found) throw new UsageError(`Unknown command: ${command}`);
    const dataDir = resolveDataDir(globals.dataDir, io.env);
    // A studio owns the folder and answers on its control endpoint: work through it.
    const control = found.viaControl ? await connectControl(dataDir) : null;
    if (control) return await found.run({ args: rest, globals, io, dataDir, control });
    if (found.usesLibrary !== false) {
      const prepared = await prepareLibrary(dataDir, {
        log: createStderrLogger(),
        lockAs: 'command line',
      });
      for (const notice of prepared.notices) io.stderr.write(`reelsmith: ${notice}\n`);
    }
    return await found.run({ args: rest, globals, io, dataDir });
  } catch (error) {
    const isUsage =
      error instanceof UsageError ||
      (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    const appError =
      error instanceof AppError
        ? error
        : isUsage
          ? new UsageError((error as Error).message)
          : new AppError('INTERNAL', `Unexpected failure: ${(error as Error).message}`);
    if (json) io.stdout.write(`${JSON.stringify({ error: appError.toJSON() })}\n`);
    io.stderr.write(`reelsmith: ${appError.message}\n`);
    if (isUsage) {
      io.stderr.write(`\n${usage()}`);
      return 2;
    }
    if (!(error instanceof AppError) && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

/** Entry point when run as a program. */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: process.stdout.isTTY,
    stdin: process.stdin,
  });
  process.exitCode = code;
}
