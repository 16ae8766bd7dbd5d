/**
 * Splits a command line into global options (accepted anywhere), the command, and the rest.
 */
import { AppError } from '../../shared/errors';

export interface GlobalOptions {
  help: boolean;
  version: boolean;
  json: boolean;
  dataDir: string | undefined;
}

export interface ParsedLine {
  globals: GlobalOptions;
  command: string | undefined;
  /** Everything else, in order, for the command to parse. */
  rest: string[];
}

/** Thrown for a malformed command line: the CLI prints usage and exits with 2. */
export class UsageError extends AppError {
  constructor(message: string) {
    super('VALIDATION', message);
  }
}

export function parseGlobal(argv: readonly string[]): ParsedLine {
  const globals: GlobalOptions = { help: false, version: false, json: false, dataDir: undefined };
  const rest: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') globals.help = true;
    else if (arg === '--version' || arg === '-V') globals.version = true;
    else if (arg === '--json') globals.json = true;
    else if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new UsageError('--data-dir needs a folder: --data-dir DIR');
      }
      globals.dataDir = value;
    } else if (command === undefined && !arg.startsWith('-')) command = arg;
    else rest.push(arg);
  }
  return { globals, command, rest };
}
