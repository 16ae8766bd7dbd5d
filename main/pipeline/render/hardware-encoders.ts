/**
 * Hardware H.264 encoders, found by a real trial encode: `ffmpeg -encoders` lists what ffmpeg
 * was built with, not what this machine's GPU and drivers can actually do.
 */
import { execFile } from 'node:child_process';
import { HARDWARE_ENCODERS, encoderGlobalArgs, type HardwareEncoder } from './encoder-args';

export interface EncoderProbe {
  encoder: HardwareEncoder;
  works: boolean;
  /** Why not, when it does not (first line of ffmpeg's error). */
  reason?: string;
}

function trial(ffmpeg: string, encoder: HardwareEncoder): Promise<EncoderProbe> {
  const upload = encoder === 'h264_vaapi' ? ',format=nv12,hwupload' : '';
  const args = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...encoderGlobalArgs(encoder),
    '-f',
    'lavfi',
    '-i',
    'color=c=gray:s=256x256:r=30:d=0.2',
    ...(upload ? ['-vf', upload.slice(1)] : []),
    '-frames:v',
    '5',
    '-c:v',
    encoder,
    '-f',
    'null',
    '-',
  ];
  return new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: 15_000, windowsHide: true }, (error, _stdout, stderr) => {
      if (!error) resolve({ encoder, works: true });
      else {
        const reason = stderr.trim().split('\n')[0] ?? error.message;
        resolve({ encoder, works: false, reason: reason || error.message });
      }
    });
  });
}

/** Caches trial results per ffmpeg path for the life of the process. */
export class HardwareEncoderDetector {
  private readonly cache = new Map<string, Promise<EncoderProbe[]>>();

  /** Every hardware encoder tried once, one after another (trials load GPU drivers; no stampede). */
  detect(ffmpeg: string): Promise<EncoderProbe[]> {
    let found = this.cache.get(ffmpeg);
    if (!found) {
      found = (async () => {
        const results: EncoderProbe[] = [];
        for (const encoder of HARDWARE_ENCODERS) results.push(await trial(ffmpeg, encoder));
        return results;
      })();
      this.cache.set(ffmpeg, found);
    }
    return found;
  }

  /** The first hardware encoder that works here, or null. */
  async pick(ffmpeg: string): Promise<HardwareEncoder | null> {
    return (await this.detect(ffmpeg)).find((p) => p.works)?.encoder ?? null;
  }
}
