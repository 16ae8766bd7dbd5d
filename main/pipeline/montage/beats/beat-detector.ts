/**
 * Beat grid of a music file: decode (mono, 22.05 kHz, at most a few minutes), onset envelope,
 * tempo and beats.
 */
import type { BeatGrid } from '../../../../shared/contract/montage.contract';
import { decodeMonoPcm } from '../analysis/audio-decode';
import { onsetEnvelope } from './onset-envelope';
import { trackBeats } from './beat-tracker';

const BEAT_SAMPLE_RATE = 22_050;

export interface BeatOptions {
  signal?: AbortSignal;
  /** Analyse at most this much of the track (a montage rarely outlasts it). */
  maxSeconds?: number;
}

/** The beat grid, or a flat 120 BPM grid with confidence 0 when the track has no clear pulse. */
export async function detectBeats(
  ffmpeg: string,
  file: string,
  options: BeatOptions = {},
): Promise<BeatGrid> {
  const pcm = await decodeMonoPcm(ffmpeg, file, {
    sampleRate: BEAT_SAMPLE_RATE,
    maxSeconds: options.maxSeconds ?? 300,
    signal: options.signal,
  });
  return beatsFromPcm(pcm.samples, pcm.sampleRate);
}

export function beatsFromPcm(samples: Float32Array, sampleRate: number): BeatGrid {
  const durationS = samples.length / sampleRate;
  const result = trackBeats(onsetEnvelope(samples, sampleRate), durationS);
  if (!result) {
    const beats: number[] = [];
    for (let t = 0; t <= durationS; t += 0.5) beats.push(Math.round(t * 1000) / 1000);
    return { bpm: 120, beats, confidence: 0, durationS };
  }
  return { ...result, durationS };
}
