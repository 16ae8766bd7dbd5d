/**
 * What a publish needs to know of a rendered file: its duration (ffprobe) and a thumbnail
 * (one JPEG frame a little into the video, by ffmpeg), both local-file only.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';

const run = promisify(execFile);

export async function videoDuration(ffprobe: string, file: string): Promise<number> {
  try {
    const { stdout } = await run(ffprobe, [
      '-v',
      'error',
      '-protocol_whitelist',
      'file,pipe',
      '-show_entries',
      'format=duration',
      '-of',
      'default=nw=1:nk=1',
      file,
    ]);
    const seconds = Number(stdout.trim());
    if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`duration ${stdout.trim()}`);
    return seconds;
  } catch (error) {
    throw new AppError('UNPROCESSABLE', `${file} is not a video ffprobe can read.`, {
      cause: error,
    });
  }
}

/** Writes `<dir>/<name>.jpg` (at most 720 px wide) and answers its path. */
export async function videoThumbnail(
  ffmpeg: string,
  file: string,
  durationSeconds: number,
  dir: string,
  name: string,
): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${name}.jpg`);
  const seek = Math.min(1, durationSeconds / 2);
  try {
    await run(ffmpeg, [
      '-v',
      'error',
      '-y',
      '-protocol_whitelist',
      'file,pipe',
      '-ss',
      String(seek),
      '-i',
      file,
      '-frames:v',
      '1',
      '-vf',
      "scale='min(720,iw)':-2",
      '-q:v',
      '3',
      target,
    ]);
  } catch (error) {
    throw new AppError('UNPROCESSABLE', `Could not take a thumbnail from ${file}.`, {
      cause: error,
    });
  }
  return target;
}
