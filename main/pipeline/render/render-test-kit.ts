/**
 * Helpers for the render tests: tiny input media made with ffmpeg, a RenderService wired to the
 * real ffmpeg, and measurements on outputs (ffprobe, pixels of extracted frames, loudness).
 * Outputs are checked by measuring them, never by trusting ffmpeg's exit code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger } from '../../util/logger';
import { locateFfmpeg, locateFfprobe } from '../../system/tool-locator';
import { HardwareEncoderDetector } from './hardware-encoders';
import { PathMediaResolver } from './media-resolver';
import { RenderService } from './render.service';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FONTS_DIR = path.join(repo, 'resources', 'fonts');
export const W = 320;
export const H = 568;

/** Copies the bundled fonts into resources/fonts (idempotent). */
export function ensureFonts(): void {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'fonts.mjs')], { stdio: 'ignore' });
}

export async function ffmpegTools() {
  const ffmpeg = await locateFfmpeg({ settingPath: null, env: process.env });
  const ffprobe = await locateFfprobe({ settingPath: null, env: process.env }, ffmpeg);
  if (!ffmpeg.found || !ffprobe.found)
    throw new Error('ffmpeg/ffprobe are needed for render tests');
  return { ffmpeg, ffprobe, ffmpegPath: ffmpeg.path, ffprobePath: ffprobe.path };
}

export async function makeService(dir: string) {
  const tools = await ffmpegTools();
  return new RenderService({
    tools: () => Promise.resolve({ ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe }),
    media: new PathMediaResolver(dir),
    fontsDir: FONTS_DIR,
    hardware: new HardwareEncoderDetector(),
    hardwareAllowed: () => false,
    log: createMemoryLogger(),
  });
}

function ff(args: string[]): string {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    encoding: 'utf8',
  });
}

/** Solid-colour still. */
export function still(dir: string, name: string, color: string, w: number, h: number): string {
  const file = path.join(dir, name);
  ff(['-f', 'lavfi', '-i', `color=c=${color}:s=${w}x${h}`, '-frames:v', '1', file]);
  return file;
}

/** Solid-colour video with a sine tone (or silence: freq 0), seconds long. */
export function video(
  dir: string,
  name: string,
  color: string,
  seconds: number,
  freq: number,
): string {
  const file = path.join(dir, name);
  const audio =
    freq > 0 ? `sine=f=${freq}:d=${seconds}` : `anullsrc=r=48000:cl=stereo:d=${seconds}`;
  ff([
    '-f',
    'lavfi',
    '-i',
    `color=c=${color}:s=240x320:r=30:d=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    audio,
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    file,
  ]);
  return file;
}

/** A sine tone at `volumeDb`, stereo WAV. */
export function tone(
  dir: string,
  name: string,
  freq: number,
  seconds: number,
  volumeDb: number,
): string {
  const file = path.join(dir, name);
  ff([
    '-f',
    'lavfi',
    '-i',
    `sine=f=${freq}:d=${seconds}`,
    '-af',
    `volume=${volumeDb}dB`,
    '-ac',
    '2',
    file,
  ]);
  return file;
}

/** Stereo WAV from an ffmpeg `aevalsrc` expression of `t` (48 kHz, 16-bit). */
export function synth(dir: string, name: string, expression: string, seconds: number): string {
  const file = path.join(dir, name);
  ff([
    '-f',
    'lavfi',
    '-i',
    `aevalsrc='${expression}':s=48000:d=${seconds}`,
    '-ac',
    '2',
    '-c:a',
    'pcm_s16le',
    file,
  ]);
  return file;
}

export interface Probe {
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    sample_rate?: string;
    channels?: number;
    nb_frames?: string;
    /** "30/1" */
    r_frame_rate?: string;
    duration?: string;
  }[];
  format: { duration: string };
}

export function probe(file: string): Probe {
  const out = execFileSync(
    'ffprobe',
    ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Probe;
}

/** Frames per second of the file's video stream. */
export function videoFps(file: string): number {
  const rate = probe(file).streams.find((s) => s.codec_type === 'video')?.r_frame_rate ?? '';
  const [num, den] = rate.split('/').map(Number);
  if (!num || !den) throw new Error(`${file}: no video frame rate (${rate})`);
  return num / den;
}

/** The frame at `t` as packed RGB bytes (W×H×3). */
export function frameRgb(file: string, t: number): Buffer {
  return execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-ss',
      String(t),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
    { maxBuffer: 64 << 20 },
  );
}

export function pixel(
  frame: Buffer,
  width: number,
  x: number,
  y: number,
): [number, number, number] {
  const i = (y * width + x) * 3;
  return [frame[i] ?? 0, frame[i + 1] ?? 0, frame[i + 2] ?? 0];
}

/** Share of pixels in a rectangle that match `test`. */
export function share(
  frame: Buffer,
  width: number,
  rect: { x: number; y: number; w: number; h: number },
  test: (rgb: [number, number, number]) => boolean,
): number {
  let hits = 0;
  for (let y = rect.y; y < rect.y + rect.h; y++)
    for (let x = rect.x; x < rect.x + rect.w; x++) if (test(pixel(frame, width, x, y))) hits++;
  return hits / (rect.w * rect.h);
}

export const near = (rgb: [number, number, number], target: [number, number, number], tol = 40) =>
  rgb.every((v, i) => Math.abs(v - (target[i] ?? 0)) <= tol);

function stderrOf(args: string[]): string {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return run.stderr;
}

/**
 * Mean volume (dBFS) of the audio between start and start+duration (-91 for digital silence),
 * optionally after `filter` (e.g. a low-pass that keeps only the music's tone).
 */
export function meanVolume(file: string, start: number, duration: number, filter?: string): number {
  const err = stderrOf([
    '-ss',
    String(start),
    '-t',
    String(duration),
    '-i',
    file,
    '-vn',
    '-af',
    filter ? `${filter},volumedetect` : 'volumedetect',
    '-f',
    'null',
    '-',
  ]);
  const match = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(err);
  return match?.[1] === undefined || match[1] === '-inf' ? -91 : Number(match[1]);
}

/** Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's EBU R128 meter. */
export function loudness(file: string): { integrated: number; truePeak: number } {
  const err = stderrOf(['-i', file, '-vn', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = err.slice(err.lastIndexOf('Summary:'));
  const integrated = Number(/I:\s*(-?[\d.]+) LUFS/.exec(summary)?.[1]);
  const truePeak = Number(/Peak:\s*(-?[\d.]+) dBFS/.exec(summary)?.[1]);
  return { integrated, truePeak };
}

/** A still of two colours: left|right halves, or top/bottom halves when `vertical`. */
export function halves(
  dir: string,
  name: string,
  colors: [string, string],
  w: number,
  h: number,
  vertical = false,
): string {
  const file = path.join(dir, name);
  const size = vertical ? `${w}x${h / 2}` : `${w / 2}x${h}`;
  const stack = vertical ? 'vstack' : 'hstack';
  ff([
    '-f',
    'lavfi',
    '-i',
    `color=c=${colors[0]}:s=${size}[a];color=c=${colors[1]}:s=${size}[b];[a][b]${stack}`,
    '-frames:v',
    '1',
    file,
  ]);
  return file;
}

/** A still of `bg` with a centred `fg` square `side` pixels wide. */
export function boxed(
  dir: string,
  name: string,
  colors: [string, string],
  w: number,
  h: number,
  side: number,
): string {
  const file = path.join(dir, name);
  const box = `drawbox=x=${(w - side) / 2}:y=${(h - side) / 2}:w=${side}:h=${side}:c=${colors[1]}:t=fill`;
  ff(['-f', 'lavfi', '-i', `color=c=${colors[0]}:s=${w}x${h},${box}`, '-frames:v', '1', file]);
  return file;
}

/** Length of the run of pixels matching `test` along row `y` (count over the whole row). */
export function rowCount(
  frame: Buffer,
  width: number,
  y: number,
  test: (rgb: [number, number, number]) => boolean,
): number {
  let n = 0;
  for (let x = 0; x < width; x++) if (test(pixel(frame, width, x, y))) n++;
  return n;
}

/** Length of the run of pixels matching `test` along column `x`. */
export function columnCount(
  frame: Buffer,
  width: number,
  height: number,
  x: number,
  test: (rgb: [number, number, number]) => boolean,
): number {
  let n = 0;
  for (let y = 0; y < height; y++) if (test(pixel(frame, width, x, y))) n++;
  return n;
}
