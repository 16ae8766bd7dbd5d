/**
 * Where each clip sits on the output: transitions overlap neighbours, so the total is the sum
 * of durations minus the sum of transition overlaps.
 */
import type { Clip, Timeline } from './timeline.schema';

export interface ClipPlacement {
  /** Start on the output timeline, seconds. */
  start: number;
  end: number;
  /** Overlap with the next clip (0 for a cut and for the last clip). */
  overlapOut: number;
}

/** The overlap a clip's transition takes from the next clip (0 when there is none). */
export function transitionOverlap(clip: Clip, isLast: boolean): number {
  if (isLast || clip.transition.type === 'cut') return 0;
  return clip.transition.duration;
}

/** Start/end of every clip on the output timeline. */
export function placeClips(clips: readonly Clip[]): ClipPlacement[] {
  const placements: ClipPlacement[] = [];
  let cursor = 0;
  clips.forEach((clip, index) => {
    const overlapOut = transitionOverlap(clip, index === clips.length - 1);
    placements.push({ start: cursor, end: cursor + clip.duration, overlapOut });
    cursor += clip.duration - overlapOut;
  });
  return placements;
}

/** The output duration of a timeline, seconds. */
export function timelineDuration(timeline: Pick<Timeline, 'clips'>): number {
  const placements = placeClips(timeline.clips);
  return placements.at(-1)?.end ?? 0;
}
