/**
 * Tempo and beat grid from an onset envelope: autocorrelation finds the beat period (weighted
 * toward 120 BPM so a track is not read at half or double time), a comb search refines period
 * and phase to a fraction of a hop, and each grid beat then snaps to the onset peak within a few
 * milliseconds of it. Assumes a steady tempo, as montage music nearly always has.
 */
import type { OnsetEnvelope } from './onset-envelope';

export interface BeatResult {
  bpm: number;
  beats: number[];
  confidence: number;
}

const MIN_BPM = 60;
const MAX_BPM = 200;
/** Octave preference: log-normal weight centred here, as in Ellis (2007) and librosa. */
const PREFERRED_BPM = 120;
/** How far (seconds) a grid beat may move to sit on its onset peak. */
const SNAP_S = 0.035;

export function trackBeats(envelope: OnsetEnvelope, durationS: number): BeatResult | null {
  const { values, hopS } = envelope;
  if (values.length < 4 / hopS) return null;
  const minLag = Math.floor(60 / MAX_BPM / hopS);
  const maxLag = Math.min(values.length - 1, Math.ceil(60 / MIN_BPM / hopS));
  const acf = new Float64Array(maxLag + 2);
  for (let lag = minLag - 1; lag <= maxLag + 1; lag++) {
    let sum = 0;
    for (let i = lag; i < values.length; i++) sum += (values[i] ?? 0) * (values[i - lag] ?? 0);
    acf[lag] = sum / (values.length - lag);
  }
  let bestLag = 0;
  let bestValue = 0;
  for (let lag = minLag; lag <= maxLag; lag++) {
    const bpm = 60 / (lag * hopS);
    const prior = Math.exp(-0.5 * (Math.log2(bpm / PREFERRED_BPM) / 1) ** 2);
    const value = (acf[lag] ?? 0) * prior;
    const isPeak = (acf[lag] ?? 0) >= (acf[lag - 1] ?? 0) && (acf[lag] ?? 0) >= (acf[lag + 1] ?? 0);
    if (isPeak && value > bestValue) {
      bestValue = value;
      bestLag = lag;
    }
  }
  if (bestLag === 0 || bestValue <= 0) return null;
  const zeroLag = values.reduce((a, v) => a + v * v, 0) / values.length;
  const confidence = zeroLag > 0 ? Math.min(1, (acf[bestLag] ?? 0) / zeroLag) : 0;

  // Refine period and phase together: the comb that collects the most onset energy.
  const coarse = bestLag * hopS;
  let best = { period: coarse, phase: 0, score: -1 };
  for (let p = coarse * 0.97; p <= coarse * 1.03; p += coarse * 0.0005) {
    const phaseSteps = Math.max(8, Math.round(p / (hopS / 4)));
    for (let s = 0; s < phaseSteps; s++) {
      const phase = (s / phaseSteps) * p;
      const score = combScore(envelope, p, phase);
      if (score > best.score) best = { period: p, phase, score };
    }
  }
  const beats: number[] = [];
  for (let t = best.phase; t <= durationS + 1e-9; t += best.period) {
    beats.push(Math.round(snap(envelope, t) * 1000) / 1000);
  }
  return { bpm: Math.round((60 / best.period) * 100) / 100, beats, confidence };
}

function combScore(envelope: OnsetEnvelope, period: number, phase: number): number {
  let sum = 0;
  let count = 0;
  for (let t = phase; ; t += period) {
    const x = (t - envelope.offsetS) / envelope.hopS;
    if (x >= envelope.values.length - 1) break;
    if (x >= 0) {
      const i = Math.floor(x);
      const frac = x - i;
      sum += (envelope.values[i] ?? 0) * (1 - frac) + (envelope.values[i + 1] ?? 0) * frac;
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

/** Moves a grid time to the strongest onset within ±SNAP_S, if there is one. */
function snap(envelope: OnsetEnvelope, t: number): number {
  const { values, hopS, offsetS } = envelope;
  const centre = Math.round((t - offsetS) / hopS);
  const reach = Math.round(SNAP_S / hopS);
  let bestIndex = -1;
  let bestValue = 0;
  for (let i = Math.max(0, centre - reach); i <= Math.min(values.length - 1, centre + reach); i++) {
    if ((values[i] ?? 0) > bestValue) {
      bestValue = values[i] ?? 0;
      bestIndex = i;
    }
  }
  return bestIndex < 0 ? Math.max(0, t) : Math.max(0, offsetS + bestIndex * hopS);
}
