/**
 * The onset envelope of music: spectral flux (how much each frequency band got louder since the
 * previous frame, on a log-compressed spectrum), with its local mean removed so steady loud
 * passages do not read as constant onsets.
 */
import { fft } from './fft';

export const FRAME_SIZE = 1024;
export const HOP_SIZE = 256;

export interface OnsetEnvelope {
  /** Seconds per envelope value. */
  hopS: number;
  /** Time of value 0 (the centre of the first frame pair). */
  offsetS: number;
  values: Float64Array;
}

export function onsetEnvelope(samples: Float32Array, sampleRate: number): OnsetEnvelope {
  const frames = Math.max(0, Math.floor((samples.length - FRAME_SIZE) / HOP_SIZE) + 1);
  const bins = FRAME_SIZE / 2;
  const window = new Float64Array(FRAME_SIZE);
  for (let i = 0; i < FRAME_SIZE; i++)
    window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME_SIZE);
  const re = new Float64Array(FRAME_SIZE);
  const im = new Float64Array(FRAME_SIZE);
  let previous = new Float64Array(bins);
  let current = new Float64Array(bins);
  const flux = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const offset = f * HOP_SIZE;
    for (let i = 0; i < FRAME_SIZE; i++) {
      re[i] = (samples[offset + i] ?? 0) * (window[i] ?? 0);
      im[i] = 0;
    }
    fft(re, im);
    let sum = 0;
    for (let k = 1; k < bins; k++) {
      const magnitude = Math.hypot(re[k] ?? 0, im[k] ?? 0);
      const compressed = Math.log1p(100 * magnitude);
      current[k] = compressed;
      if (f > 0) sum += Math.max(0, compressed - (previous[k] ?? 0));
    }
    flux[f] = sum;
    [previous, current] = [current, previous];
  }
  // Remove the local mean (±0.25 s) and keep what rises above it.
  const hopS = HOP_SIZE / sampleRate;
  const half = Math.max(1, Math.round(0.25 / hopS));
  const values = new Float64Array(frames);
  let running = 0;
  const prefix = new Float64Array(frames + 1);
  for (let f = 0; f < frames; f++) {
    running += flux[f] ?? 0;
    prefix[f + 1] = running;
  }
  for (let f = 0; f < frames; f++) {
    const from = Math.max(0, f - half);
    const to = Math.min(frames, f + half + 1);
    const mean = ((prefix[to] ?? 0) - (prefix[from] ?? 0)) / (to - from);
    values[f] = Math.max(0, (flux[f] ?? 0) - mean);
  }
  // Log compression makes the flux peak as a transient enters the window, not when it reaches
  // the centre: calibrated on click tracks, value f describes f·hop + 0.8·FRAME_SIZE.
  return { hopS, offsetS: (0.8 * FRAME_SIZE) / sampleRate, values };
}
