/**
 * Turns curves into events: where a clip gets suddenly louder, cuts, or gets busier than usual.
 * Each event has a time (its onset, which is where a viewer notices it), an end and a 0–1 score.
 */
import type { LoudnessCurve } from './loudness';
import type { MotionCurve } from './motion';
import type { SceneCut } from './scene-cuts';
import { median } from './scene-cuts';

export type HighlightKind = 'loud' | 'cut' | 'motion';

export interface HighlightEvent {
  kind: HighlightKind;
  t: number;
  endT: number;
  score: number;
}

/** LU above the clip's local baseline that counts as a burst. */
const LOUD_EXCESS_LU = 6;
/** Anything quieter than this is not a highlight, however sudden. */
const LOUD_FLOOR_LUFS = -50;
/** Seconds either side used for the local baseline (a rolling median). */
const BASELINE_HALF_WINDOW_S = 15;
/** Motion this many times the clip's typical level counts as "high motion". */
const MOTION_RATIO = 1.8;

/**
 * Loud bursts: runs of the momentary curve well above a rolling median. The onset is placed on
 * the 50 ms blocks (`blockPower`, K-weighted), at the first block reaching a quarter of the run's
 * peak power, so the event time is the burst's start, not the middle of a 400 ms window.
 */
export function loudEvents(curve: LoudnessCurve, blockPower: Float64Array): HighlightEvent[] {
  const { lufs, hopS } = curve;
  const baseline = rollingMedian(
    lufs,
    Math.round(BASELINE_HALF_WINDOW_S / hopS),
    Math.round(1 / hopS),
  );
  const events: HighlightEvent[] = [];
  let i = 0;
  while (i < lufs.length) {
    const excess = (lufs[i] ?? -120) - (baseline[i] ?? -120);
    if (excess < LOUD_EXCESS_LU || (lufs[i] ?? -120) < LOUD_FLOOR_LUFS) {
      i++;
      continue;
    }
    const start = i;
    let peakExcess = excess;
    while (i < lufs.length) {
      const e = (lufs[i] ?? -120) - (baseline[i] ?? -120);
      if (e < LOUD_EXCESS_LU - 2) break;
      peakExcess = Math.max(peakExcess, e);
      i++;
    }
    const startS = start * hopS;
    const endS = i * hopS;
    events.push({
      kind: 'loud',
      t: refineOnset(blockPower, hopS / 2, startS - hopS * 4, endS),
      endT: endS,
      score: clamp01(peakExcess / 24),
    });
  }
  return mergeClose(events, 0.3);
}

function refineOnset(power: Float64Array, blockS: number, fromS: number, toS: number): number {
  const from = Math.max(0, Math.floor(fromS / blockS));
  const to = Math.min(power.length, Math.ceil(toS / blockS));
  let peak = 0;
  for (let b = from; b < to; b++) peak = Math.max(peak, power[b] ?? 0);
  for (let b = from; b < to; b++) {
    if ((power[b] ?? 0) >= peak / 4) return b * blockS;
  }
  return fromS;
}

/** Scene cuts as events: stronger changes (different content) score higher. */
export function cutEvents(cuts: readonly SceneCut[]): HighlightEvent[] {
  return cuts.map((c) => ({
    kind: 'cut' as const,
    t: c.t,
    endT: c.t,
    score: clamp01(0.5 + c.strength),
  }));
}

/** Runs of motion well above the clip's typical level. */
export function motionEvents(curve: MotionCurve): HighlightEvent[] {
  const events: HighlightEvent[] = [];
  const { values, hopS } = curve;
  let i = 0;
  while (i < values.length) {
    if ((values[i] ?? 0) < MOTION_RATIO) {
      i++;
      continue;
    }
    let peak = 0;
    let peakAt = i;
    while (i < values.length && (values[i] ?? 0) >= MOTION_RATIO * 0.85) {
      if ((values[i] ?? 0) > peak) {
        peak = values[i] ?? 0;
        peakAt = i;
      }
      i++;
    }
    events.push({
      kind: 'motion',
      t: peakAt * hopS,
      endT: i * hopS,
      score: clamp01(Math.log2(peak) / 3),
    });
  }
  return events;
}

/** Median of `values` over ±`half` steps, evaluated every `stride` steps and held between. */
export function rollingMedian(
  values: ArrayLike<number>,
  half: number,
  stride: number,
): Float32Array {
  const out = new Float32Array(values.length);
  const step = Math.max(1, stride);
  for (let centre = 0; centre < values.length; centre += step) {
    const window: number[] = [];
    const from = Math.max(0, centre - half);
    const to = Math.min(values.length, centre + half + 1);
    for (let j = from; j < to; j++) window.push(values[j] ?? 0);
    const m = median(window);
    for (let j = centre; j < Math.min(values.length, centre + step); j++) out[j] = m;
  }
  return out;
}

function mergeClose(events: HighlightEvent[], gapS: number): HighlightEvent[] {
  const merged: HighlightEvent[] = [];
  for (const e of events) {
    const last = merged.at(-1);
    if (last && e.t - last.endT < gapS) {
      last.endT = Math.max(last.endT, e.endT);
      last.score = Math.max(last.score, e.score);
    } else merged.push({ ...e });
  }
  return merged;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
