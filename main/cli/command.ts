/**
 * What a CLI subcommand is. Later features add theirs to `commands/index.ts`.
 */
import type { ControlClient } from '../control/control-client';
import type { GlobalOptions } from './args';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** True when stdout is a terminal (progress bars allowed). */
  isTTY: boolean;
  /** Where `--password-stdin` and prompts read from (default: none). */
  stdin?: NodeJS.ReadableStream;
}

export interface CommandContext {
  args: string[];
  globals: GlobalOptions;
  io: CliIo;
  /** The data folder chosen by --data-dir / REELSMITH_DATA_DIR / the platform default. */
  dataDir: string;
  /**
   * The control endpoint of the live process owning the data folder (a studio), set only for
   * `viaControl` commands when one answers; the command then works through it.
   */
  control?: ControlClient;
}

export interface Command {
  name: string;
  /** One line for `reelsmith --help`. */
  summary: string;
  /** The full usage text for `reelsmith <command> --help`. */
  usage: string;
  /**
   * Whether the command opens the library (default true): the CLI then prepares it first
   * (integrity check, backup with `backup()`, migrations) under the data-folder lock.
   */
  usesLibrary?: boolean;
  /**
   * Whether the command can run through the owning studio's control endpoint instead of taking
   * the data folder (login, publish, queue).
   */
  viaControl?: boolean;
  /** Resolves with the exit code. */
  run(context: CommandContext): Promise<number>;
}
