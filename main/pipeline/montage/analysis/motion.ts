/**
 * Motion intensity per half second, without decoding: the bytes the encoder spent on predicted
 * frames, relative to the clip's median. Movement the encoder cannot predict costs bits, so
 * this follows on-screen action; it also rises with noise and fine texture, and it flattens
 * under constant-bitrate encoding, where the keyframe differences take over.
 */
import { frameDifference, type Thumb } from './frame-sampler';
import type { VideoPacket } from './media-probe';
import { median } from './scene-cuts';

export const MOTION_HOP_S = 0.5;

export interface MotionCurve {
  hopS: number;
  /** 1 = the clip's typical activity; 2 = twice as busy. */
  values: number[];
  source: 'packets' | 'keyframes';
}

/** Bitrate variation below which packet sizes are taken to be rate-controlled flat (CBR). */
const FLAT_BITRATE_CV = 0.08;

export function motionCurve(
  packets: readonly VideoPacket[],
  keyframes: readonly Thumb[],
  durationS: number,
): MotionCurve {
  const steps = Math.max(1, Math.ceil(durationS / MOTION_HOP_S));
  const bytes = new Array<number>(steps).fill(0);
  const frames = new Array<number>(steps).fill(0);
  for (const p of packets) {
    if (p.key) continue;
    const i = Math.min(steps - 1, Math.max(0, Math.floor(p.t / MOTION_HOP_S)));
    bytes[i] = (bytes[i] ?? 0) + p.bytes;
    frames[i] = (frames[i] ?? 0) + 1;
  }
  const perFrame = bytes.map((b, i) => ((frames[i] ?? 0) > 0 ? b / (frames[i] ?? 1) : 0));
  const filled = perFrame.filter((v) => v > 0);
  const typical = median(filled);
  if (typical > 0 && coefficientOfVariation(filled) >= FLAT_BITRATE_CV) {
    return {
      hopS: MOTION_HOP_S,
      values: perFrame.map((v) => round2(v / typical)),
      source: 'packets',
    };
  }
  return keyframeMotion(keyframes, steps);
}

/** Differences between consecutive keyframes, spread over the steps between them. */
function keyframeMotion(keyframes: readonly Thumb[], steps: number): MotionCurve {
  const raw = new Array<number>(steps).fill(0);
  for (let k = 1; k < keyframes.length; k++) {
    const a = keyframes[k - 1];
    const b = keyframes[k];
    if (!a || !b) continue;
    const diff = frameDifference(a.pixels, b.pixels);
    const from = Math.floor(a.t / MOTION_HOP_S);
    const to = Math.min(steps, Math.max(from + 1, Math.floor(b.t / MOTION_HOP_S)));
    for (let i = from; i < to; i++) raw[i] = diff;
  }
  const typical = median(raw.filter((v) => v > 0));
  return {
    hopS: MOTION_HOP_S,
    values: raw.map((v) => (typical > 0 ? round2(v / typical) : 0)),
    source: 'keyframes',
  };
}

function coefficientOfVariation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean <= 0) return 0;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
