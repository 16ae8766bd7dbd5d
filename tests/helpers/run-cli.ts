/** Runs the CLI in-process with captured output, as a terminal-less script would see it. */
import { PassThrough } from 'node:stream';
import { runCli } from '../../main/cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `env` is added to a minimal environment holding only PATH (and FFMPEG_BIN when set). */
export async function runCliCaptured(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  input?: string,
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  if (process.env.FFMPEG_BIN) base.FFMPEG_BIN = process.env.FFMPEG_BIN;
  const stdin = new PassThrough();
  stdin.end(input ?? '');
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { ...base, ...env },
    isTTY: false,
    stdin,
  });
  return { code, out, err };
}
