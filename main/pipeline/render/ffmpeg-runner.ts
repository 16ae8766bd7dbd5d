/**
 * Runs one ffmpeg argument array (never a shell string) with live progress and cancellation.
 *
 * Output goes to a temp file beside the target and is renamed only when ffmpeg succeeded and
 * wrote something, so a cancelled or failed render never leaves a half file under the user's name.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { ProgressParser, type RenderProgress } from './progress-parser';

export interface RunOptions {
  ffmpeg: string;
  args: readonly string[];
  /** Seconds of output expected, for percent and ETA. */
  totalSeconds: number;
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
}

/** Keeps the last few KiB of stderr for error messages. */
const STDERR_KEEP = 4096;

/** Spawns ffmpeg and resolves when it exits 0; CANCELLED when aborted, RENDER_FAILED otherwise. */
export function runFfmpeg(options: RunOptions): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new AppError('CANCELLED', 'Render cancelled.'));
  return new Promise((resolve, reject) => {
    const child = spawn(options.ffmpeg, [...options.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stderr = '';
    const parser = new ProgressParser(options.totalSeconds, (p) => options.onProgress?.(p));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => parser.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    let killTimer: NodeJS.Timeout | undefined;
    const abort = () => {
      child.kill('SIGTERM');
      // ffmpeg normally stops at once on SIGTERM; a wedged one is killed outright.
      killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    };
    signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', abort);
      reject(new AppError('FFMPEG_NOT_FOUND', `Could not start ffmpeg: ${error.message}`));
    });
    child.on('close', (code, killSignal) => {
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) {
        reject(new AppError('CANCELLED', 'Render cancelled.'));
      } else if (code === 0) {
        resolve();
      } else {
        const reason = stderr.trim().split('\n').slice(-6).join('\n');
        reject(
          new AppError(
            'RENDER_FAILED',
            `ffmpeg failed (${killSignal ?? `exit ${code}`}): ${reason || 'no message'}`,
            { details: { exitCode: code, signal: killSignal, stderr: reason } },
          ),
        );
      }
    });
  });
}

/** A temp path beside `target` that the final rename can move atomically. */
export function tempPathFor(target: string, extension = '.mp4'): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part${extension}`,
  );
}

/**
 * Runs ffmpeg into a temp file and renames it onto `target` when complete; the temp file is
 * removed on every failure, including cancellation.
 */
export async function runToFile(
  options: RunOptions & { temp: string; target: string },
): Promise<void> {
  try {
    await runFfmpeg(options);
    const size = fs.statSync(options.temp, { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0) throw new AppError('RENDER_FAILED', 'ffmpeg finished but wrote nothing.');
    fs.renameSync(options.temp, options.target);
  } catch (error) {
    fs.rmSync(options.temp, { force: true });
    throw error;
  }
}
