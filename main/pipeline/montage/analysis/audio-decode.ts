/**
 * Decodes a file's first audio stream to mono 32-bit float PCM at a low sample rate.
 *
 * One pass over the audio serves both the loudness curve and beat detection; at 16–22 kHz mono
 * a minute of audio is a few MB and decodes in a fraction of a second (video is not decoded:
 * `-vn` only demuxes past it).
 */
import { runTool, type ToolRunOptions } from './tool-process';

export interface PcmAudio {
  sampleRate: number;
  samples: Float32Array;
}

export interface DecodeOptions extends Pick<ToolRunOptions, 'signal'> {
  sampleRate: number;
  /** Stop after this many seconds (music longer than the montage). */
  maxSeconds?: number;
}

export async function decodeMonoPcm(
  ffmpeg: string,
  file: string,
  options: DecodeOptions,
): Promise<PcmAudio> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-threads',
    '1',
    '-protocol_whitelist',
    'file,pipe',
    '-i',
    file,
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    ...(options.maxSeconds === undefined ? [] : ['-t', String(options.maxSeconds)]),
    '-ac',
    '1',
    '-ar',
    String(options.sampleRate),
    '-f',
    'f32le',
    'pipe:1',
  ];
  const { stdout } = await runTool(ffmpeg, args, { signal: options.signal });
  // Copy into an aligned buffer: Buffer slices may start at odd offsets of a shared pool.
  const samples = new Float32Array(Math.floor(stdout.length / 4));
  new Uint8Array(samples.buffer).set(stdout.subarray(0, samples.length * 4));
  return { sampleRate: options.sampleRate, samples };
}
