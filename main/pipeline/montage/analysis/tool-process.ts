/**
 * Runs ffmpeg/ffprobe for analysis: binary stdout collected, stderr kept for parsing and errors,
 * and an AbortSignal that kills the process (so cancelling a montage stops work at once).
 */
import { spawn } from 'node:child_process';
import { AppError } from '../../../../shared/errors';

export interface ToolRunOptions {
  signal?: AbortSignal;
  /** Called with every stdout chunk instead of collecting it (streams of PCM or frames). */
  onStdout?: (chunk: Buffer) => void;
  /** Keep at most this many bytes of stderr (the end is what explains a failure). */
  maxStderrBytes?: number;
}

export interface ToolRunResult {
  stdout: Buffer;
  stderr: string;
}

/** Thrown when the tool exits non-zero; `stderrTail` is the last lines it printed. */
export class ToolExitError extends Error {
  override readonly name = 'ToolExitError';
  constructor(
    readonly tool: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(
      `${tool} exited with ${String(exitCode)}: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
}

/**
 * Runs one tool to completion.
 *
 * Rejects with `AppError('CANCELLED')` when the signal fires (the process is killed with
 * SIGKILL: analysis writes nothing worth flushing), and with `ToolExitError` on a non-zero exit.
 */
export function runTool(
  file: string,
  args: readonly string[],
  options: ToolRunOptions = {},
): Promise<ToolRunResult> {
  const { signal, onStdout, maxStderrBytes = 4 * 1024 * 1024 } = options;
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let stderr = '';
    let settled = false;
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(() => reject(cancelled()));
    };
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (onStdout) onStdout(chunk);
      else chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      if (stderr.length > maxStderrBytes) stderr = stderr.slice(-maxStderrBytes);
    });
    child.on('error', (error) => {
      finish(() =>
        reject(new AppError('FFMPEG_NOT_FOUND', `Could not start ${file}: ${error.message}`)),
      );
    });
    child.on('close', (code) => {
      finish(() => {
        if (code === 0) resolve({ stdout: Buffer.concat(chunks), stderr });
        else reject(new ToolExitError(file, code, stderr.slice(-2000)));
      });
    });
  });
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'Montage analysis was cancelled.');
}
