/**
 * Runs an external program (ffmpeg, a speech engine) with an argument array, never a shell,
 * and turns its failure into an AppError: CANCELLED when the signal aborted it, else `code`
 * with the program's own stderr so the user sees why.
 */
import { execFile } from 'node:child_process';
import { AppError, type ErrorCode } from '../../shared/errors';

export interface RunToolOptions {
  cwd?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  /** Error code and message prefix when the program fails. */
  failure: { code: ErrorCode; message: string };
}

export function runTool(file: string, args: string[], options: RunToolOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, signal: options.signal, timeout: options.timeoutMs, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) resolve();
        else if (options.signal?.aborted) reject(new AppError('CANCELLED', 'Cancelled.'));
        else
          reject(
            new AppError(
              options.failure.code,
              `${options.failure.message}: ${stderr.trim() || error.message}`,
            ),
          );
      },
    );
  });
}
