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

export function selectMoments(
  candidates: readonly Moment[],
  clipOrder: readonly string[],
  targetDurationS: number,
  minLengthS: number,
): Selection {
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
  const rank = new Map(clipOrder.map((id, i) => [id, i]));
  chosen.sort(
    (a, b) => (rank.get(a.clipId) ?? 0) - (rank.get(b.clipId) ?? 0) || a.startS - b.startS,
  );
  return { chosen, alternates: pool };
}
