/**
 * A small logger writing to stderr, so stdout stays free for what users and scripts read
 * (the browser shell's URL line, `--json` output).
 */
import { inspect } from 'node:util';
import type { Logger } from '../rpc/router';

export function createStderrLogger(prefix = 'reelsmith', quiet = false): Logger {
  const write = (level: string, message: string) => {
    if (!quiet) process.stderr.write(`${new Date().toISOString()} ${prefix} ${level} ${message}\n`);
  };
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, error) => {
      const detail =
        error instanceof Error
          ? `\n${error.stack ?? error.message}`
          : error === undefined
            ? ''
            : ` ${inspect(error)}`;
      write('error', message + detail);
    },
  };
}

/** A logger that remembers lines, for tests. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message, error) =>
      lines.push(`error ${message} ${error instanceof Error ? error.message : ''}`),
  };
}
