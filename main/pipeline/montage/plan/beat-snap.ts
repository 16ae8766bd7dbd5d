/**
 * Puts every cut of a montage on a beat: each moment's length is adjusted (by less than half a
 * beat when the clip allows) so that the running time after it lands on a beat of the music.
 */

export interface SnapSegment {
  /** Wanted length, seconds. */
  lengthS: number;
  /** The most this segment can last (what is left of its clip after its start). */
  maxS: number;
}

/**
 * Lengths, in order, such that `startS + sum(lengths[0..k])` is a beat time for every k, each
 * within [minS, maxS] of its segment. Without usable beats (fewer than two) the wanted lengths
 * come back unchanged. A segment whose clip cannot reach any later beat keeps its wanted length
 * (the cut is then off the beat, which beats a frozen frame).
 */
export function snapLengthsToBeats(
  segments: readonly SnapSegment[],
  beats: readonly number[],
  startS: number,
  minS = 0.5,
): number[] {
  if (beats.length < 2) return segments.map((s) => Math.min(s.lengthS, s.maxS));
  const period = medianGap(beats);
  const out: number[] = [];
  let t = startS;
  for (const segment of segments) {
    const wantedEnd = t + Math.min(segment.lengthS, segment.maxS);
    const end = nearestBeat(wantedEnd, beats, period, t + minS, t + segment.maxS);
    const length = end === null ? Math.min(segment.lengthS, segment.maxS) : end - t;
    out.push(Math.round(length * 1e6) / 1e6);
    t += length;
  }
  return out;
}

/** The beat nearest `target` within [from, to]; beyond the grid, it continues at `period`. */
export function nearestBeat(
  target: number,
  beats: readonly number[],
  period: number,
  from: number,
  to: number,
): number | null {
  let best: number | null = null;
  const consider = (b: number) => {
    if (b < from - 1e-9 || b > to + 1e-9) return;
    if (best === null || Math.abs(b - target) < Math.abs(best - target)) best = b;
  };
  for (const b of beats) consider(b);
  const last = beats.at(-1) ?? 0;
  if (period > 0 && to > last) {
    for (let b = last + period; b <= to + period; b += period) consider(b);
  }
  return best;
}

/** The median spacing of a beat grid (its period, robust to a missed or extra beat). */
export function medianGap(beats: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < beats.length; i++) gaps.push((beats[i] ?? 0) - (beats[i - 1] ?? 0));
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1] ?? 0;
}
