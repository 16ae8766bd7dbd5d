/**
 * Runs ffmpeg/ffprobe with an argument array (never a shell), a timeout and an abort signal.
 */
import { execFile } from 'node:child_process';
import { AppError } from '../../shared/errors';

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/** Runs `file args`; rejects with the tool's last stderr line when it fails. */
export function runTool(
  file: string,
  args: readonly string[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
        signal: options.signal,
      },
      (error, stdout, stderr) => {
        if (error) {
          if (options.signal?.aborted) {
            reject(new AppError('CANCELLED', 'Cancelled.'));
            return;
          }
          const last = stderr.trim().split('\n').pop() ?? error.message;
          reject(Object.assign(new Error(last), { stderr }));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
