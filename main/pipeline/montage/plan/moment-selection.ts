/**
 * Picks moments to fill a target duration: best first, but each further moment from the same
 * clip counts for less, so an evening's montage is not five minutes of one clip.
 */
import type { Moment } from '../../../../shared/contract/montage.contract';

/** Each moment already taken from a clip multiplies that clip's next scores by this. */
const SAME_CLIP_DISCOUNT = 0.7;

export interface Selection {
  /** In playing order: clip order as given, then time within the clip. */
  chosen: Moment[];
  /** The rest, best first. */
  alternates: Moment[];
}

export interface SelectionLimits {
  minLengthS: number;
  maxLengthS: number;
  /** Each clip's duration, so filling never reads past a clip's end. */
  clipDurations: ReadonlyMap<string, number>;
}

export function selectMoments(
  candidates: readonly Moment[],
  clipOrder: readonly string[],
  targetDurationS: number,
  limits: SelectionLimits,
): Selection {
  const { minLengthS } = limits;
  const pool = [...candidates].sort((a, b) => b.score - a.score);
  const perClip = new Map<string, number>();
  const chosen: Moment[] = [];
  let total = 0;
  while (total < targetDurationS - 1e-6 && pool.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    pool.forEach((m, i) => {
      const value = m.score * SAME_CLIP_DISCOUNT ** (perClip.get(m.clipId) ?? 0);
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    const [pick] = pool.splice(bestIndex, 1);
    if (!pick) break;
    const remaining = targetDurationS - total;
    const length = pick.endS - pick.startS;
    let taken = pick;
    if (length > remaining) {
      // Shorten the last moment to land on the target, keeping its event inside.
      if (remaining < minLengthS) break;
      const startS = Math.max(pick.startS, Math.min(pick.peakS - 0.5, pick.endS - remaining));
      taken = { ...pick, startS, endS: startS + remaining };
    }
    chosen.push(taken);
    total += taken.endS - taken.startS;
    perClip.set(pick.clipId, (perClip.get(pick.clipId) ?? 0) + 1);
  }
  fillShortfall(chosen, targetDurationS - total, limits);
  const rank = new Map(clipOrder.map((id, i) => [id, i]));
  chosen.sort(
    (a, b) => (rank.get(a.clipId) ?? 0) - (rank.get(b.clipId) ?? 0) || a.startS - b.startS,
  );
  return { chosen, alternates: pool };
}

/**
 * When what is left is shorter than any moment may be, the chosen moments grow instead (end
 * first, then start), up to the maximum length and within their clips.
 */
function fillShortfall(chosen: Moment[], shortfallS: number, limits: SelectionLimits): void {
  let left = shortfallS;
  for (let pass = 0; pass < 2 && left > 1e-3; pass++) {
    for (let i = 0; i < chosen.length && left > 1e-3; i++) {
      const m = chosen[i];
      if (!m) continue;
      const clipEnd = limits.clipDurations.get(m.clipId) ?? m.endS;
      const room = Math.max(0, limits.maxLengthS - (m.endS - m.startS));
      const share = Math.min(room, pass === 0 ? left / (chosen.length - i) : left);
      const later = Math.min(share, Math.max(0, clipEnd - m.endS));
      const earlier = Math.min(share - later, m.startS);
      chosen[i] = { ...m, startS: round3(m.startS - earlier), endS: round3(m.endS + later) };
      left -= later + earlier;
    }
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
