/**
 * Minimal WAV (RIFF PCM) reading and writing: every speech provider hands back WAV, so the
 * length of a voice is known without spawning ffprobe, and silence can be made without ffmpeg.
 */
import { AppError } from '../../../shared/errors';

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  durationSec: number;
}

/** Reads the header of a PCM WAV; tolerates the 0xFFFFFFFF sizes streaming encoders write. */
export function readWavInfo(wav: Buffer): WavInfo {
  if (
    wav.length < 12 ||
    wav.toString('ascii', 0, 4) !== 'RIFF' ||
    wav.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new AppError('PROVIDER', 'The speech engine did not return a WAV file.');
  }
  let offset = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number } | null = null;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        channels: wav.readUInt16LE(body + 2),
        sampleRate: wav.readUInt32LE(body + 4),
        bitsPerSample: wav.readUInt16LE(body + 14),
      };
    } else if (id === 'data' && format) {
      const available = wav.length - body;
      const bytes = size === 0xffffffff || size > available ? available : size;
      const frame = format.channels * (format.bitsPerSample / 8);
      return { ...format, durationSec: frame > 0 ? bytes / frame / format.sampleRate : 0 };
    }
    offset = body + size + (size % 2);
  }
  throw new AppError('PROVIDER', 'The WAV file from the speech engine has no audio data.');
}

/** A mono 16-bit PCM WAV of silence, `durationSec` long. */
export function silenceWav(durationSec: number, sampleRate = 22_050): Buffer {
  const samples = Math.max(1, Math.round(durationSec * sampleRate));
  const data = samples * 2;
  const wav = Buffer.alloc(44 + data);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + data, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(data, 40);
  return wav;
}
