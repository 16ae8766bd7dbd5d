/**
 * Editing a montage's moment strip: pure functions over the draft (moments in playing order
 * plus the alternates), so the editor's buttons are one-liners and the rules are tested
 * without a DOM.
 */
import type { ClipSummary, Moment } from '../contract/montage.contract';

export interface MontageDraft {
  moments: Moment[];
  /** Candidates not in the strip, best first. */
  alternates: Moment[];
}

/** Shortest moment the editor allows. */
export const MIN_MOMENT_S = 1;
/** How much one click on "longer"/"shorter" changes a moment. */
export const STEP_S = 0.5;

export function moveMoment(draft: MontageDraft, index: number, by: -1 | 1): MontageDraft {
  const target = index + by;
  if (target < 0 || target >= draft.moments.length) return draft;
  const moments = [...draft.moments];
  const [moved] = moments.splice(index, 1);
  if (!moved) return draft;
  moments.splice(target, 0, moved);
  return { ...draft, moments };
}

/** Moves the moment at `from` to position `to` (drag and drop); out-of-range is a no-op. */
export function moveMomentTo(draft: MontageDraft, from: number, to: number): MontageDraft {
  const n = draft.moments.length;
  if (from === to || from < 0 || from >= n || to < 0 || to >= n) return draft;
  const moments = [...draft.moments];
  const [moved] = moments.splice(from, 1);
  if (!moved) return draft;
  moments.splice(to, 0, moved);
  return { ...draft, moments };
}

/** Removes a moment; it goes back among the alternates so it can be swapped in again. */
export function removeMoment(draft: MontageDraft, index: number): MontageDraft {
  const removed = draft.moments[index];
  if (!removed) return draft;
  return {
    moments: draft.moments.filter((_, i) => i !== index),
    alternates: byScore([...draft.alternates, removed]),
  };
}

/**
 * Lengthens or shortens a moment by `deltaS`, growing the end first (the action's aftermath)
 * and the start when the clip ends; never below MIN_MOMENT_S, never outside the clip.
 */
export function resizeMoment(
  draft: MontageDraft,
  index: number,
  deltaS: number,
  clipDurationS: number,
): MontageDraft {
  const m = draft.moments[index];
  if (!m) return draft;
  const wanted = Math.max(MIN_MOMENT_S, Math.min(clipDurationS, m.endS - m.startS + deltaS));
  let endS = Math.min(clipDurationS, m.startS + wanted);
  const startS = Math.max(0, endS - wanted);
  endS = startS + wanted;
  const moments = [...draft.moments];
  moments[index] = {
    ...m,
    startS: round(startS),
    endS: round(endS),
    peakS: clamp(m.peakS, startS, endS),
  };
  return { ...draft, moments };
}

/** Replaces a moment with the best alternate, preferring one from the same clip. */
export function swapMoment(draft: MontageDraft, index: number): MontageDraft {
  const current = draft.moments[index];
  if (!current) return draft;
  const sameClip = draft.alternates.find(
    (a) => a.clipId === current.clipId && a.reasons[0] !== 'steady',
  );
  const next = sameClip ?? draft.alternates[0];
  if (!next) return draft;
  const moments = [...draft.moments];
  moments[index] = next;
  return {
    moments,
    alternates: byScore([...draft.alternates.filter((a) => a.id !== next.id), current]),
  };
}

export function totalSeconds(moments: readonly Moment[]): number {
  return moments.reduce((sum, m) => sum + (m.endS - m.startS), 0);
}

/** Durations of usable clips by id, for resizing within bounds. */
export function clipDurations(clips: readonly ClipSummary[]): Map<string, number> {
  return new Map(
    clips.flatMap((c) => (c.status === 'ok' ? [[c.clipId, c.durationS] as const] : [])),
  );
}

function byScore(moments: Moment[]): Moment[] {
  return moments.sort((a, b) => b.score - a.score);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
