/**
 * Decodes video frames as tiny grey thumbnails (64×36) with their timestamps: the keyframes of a
 * whole clip (cheap: the decoder skips every other frame), or every frame of a short span.
 */
import { runTool, type ToolRunOptions } from './tool-process';

export const THUMB_WIDTH = 64;
export const THUMB_HEIGHT = 36;
const THUMB_BYTES = THUMB_WIDTH * THUMB_HEIGHT;

export interface Thumb {
  /** Seconds from the clip start. */
  t: number;
  /** Grey levels, row by row, THUMB_WIDTH × THUMB_HEIGHT. */
  pixels: Uint8Array;
}

export interface SampleOptions extends Pick<ToolRunOptions, 'signal'> {
  /** Decode keyframes only (`-skip_frame nokey`). */
  keyframesOnly: boolean;
  /** Span to decode, in seconds; the whole clip when omitted. */
  fromS?: number;
  durationS?: number;
}

/**
 * Samples frames. Timestamps come from `showinfo` on the thumbnails (after scaling, so its
 * checksum costs nothing), which stays right for variable frame rate and skipped frames.
 */
export async function sampleFrames(
  ffmpeg: string,
  file: string,
  options: SampleOptions,
): Promise<Thumb[]> {
  const from = options.fromS ?? 0;
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'info',
    '-threads',
    '1',
    '-protocol_whitelist',
    'file,pipe',
    ...(options.keyframesOnly ? ['-skip_frame', 'nokey'] : []),
    ...(from > 0 ? ['-ss', from.toFixed(3)] : []),
    ...(options.durationS === undefined ? [] : ['-t', options.durationS.toFixed(3)]),
    '-i',
    file,
    '-map',
    '0:V:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `scale=${String(THUMB_WIDTH)}:${String(THUMB_HEIGHT)}:flags=area,format=gray,showinfo`,
    '-fps_mode',
    'passthrough',
    '-f',
    'rawvideo',
    'pipe:1',
  ];
  const { stdout, stderr } = await runTool(ffmpeg, args, { signal: options.signal });
  const times = parseShowinfoTimes(stderr);
  const count = Math.min(times.length, Math.floor(stdout.length / THUMB_BYTES));
  const thumbs: Thumb[] = [];
  for (let i = 0; i < count; i++) {
    thumbs.push({
      t: (times[i] ?? 0) + from,
      pixels: new Uint8Array(stdout.subarray(i * THUMB_BYTES, (i + 1) * THUMB_BYTES)),
    });
  }
  return thumbs;
}

/** The `pts_time` of every frame `showinfo` logged, in order. */
export function parseShowinfoTimes(stderr: string): number[] {
  const times: number[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.includes('showinfo') || !line.includes(' n:')) continue;
    const match = /pts_time:\s*(-?[\d.]+(?:e-?\d+)?)/.exec(line);
    if (match?.[1] !== undefined) times.push(Number(match[1]));
  }
  return times;
}

/**
 * How different two thumbnails are, 0–1: the mean of the absolute pixel difference and of the
 * grey-histogram distance. The histogram term keeps a camera pan (same content, shifted) from
 * scoring like a hard cut to different content.
 */
export function frameDifference(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  if (length === 0) return 0;
  let sad = 0;
  const histA = new Float64Array(16);
  const histB = new Float64Array(16);
  for (let i = 0; i < length; i++) {
    const pa = a[i] ?? 0;
    const pb = b[i] ?? 0;
    sad += Math.abs(pa - pb);
    histA[pa >> 4] = (histA[pa >> 4] ?? 0) + 1;
    histB[pb >> 4] = (histB[pb >> 4] ?? 0) + 1;
  }
  let histDistance = 0;
  for (let bin = 0; bin < 16; bin++)
    histDistance += Math.abs((histA[bin] ?? 0) - (histB[bin] ?? 0));
  return (sad / length / 255 + histDistance / (2 * length)) / 2;
}
