/**
 * Candidate moments of one clip: a window around each event (with lead-in), scored by every
 * event it contains, overlapping windows merged; plus low-scored "steady" windows over the rest
 * of the clip, so a montage can always be filled and silence always ranks last.
 */
import type {
  Moment,
  MomentOptions,
  MomentReason,
} from '../../../../shared/contract/montage.contract';
import type { ClipAnalysis } from '../analysis/clip-analysis';
import type { HighlightEvent, HighlightKind } from '../analysis/highlight-events';

/** How much each kind of event is worth in a moment's score. */
const WEIGHTS: Record<HighlightKind, number> = { loud: 1, cut: 0.7, motion: 0.45 };
/** Cuts within one moment that make it "fast cuts". */
const FAST_CUTS = 3;
/** Score ceiling of steady windows (below any real event). */
const STEADY_MAX = 0.1;

type Draft = Omit<Moment, 'id'>;

export function clipCandidates(
  clipId: string,
  analysis: ClipAnalysis,
  options: MomentOptions,
): Draft[] {
  const duration = analysis.durationS;
  const windows = analysis.events.map((event) => windowFor(event, duration, options));
  const drafts = windows.map(([startS, endS], i) =>
    scoreWindow(clipId, analysis, startS, endS, analysis.events[i]?.t ?? startS),
  );
  const merged = mergeOverlaps(drafts, options.maxLengthS, analysis, clipId);
  return [...merged, ...steadyWindows(clipId, analysis, merged, options)];
}

function windowFor(
  event: HighlightEvent,
  duration: number,
  options: MomentOptions,
): [number, number] {
  // Long events (a sustained burst) get room, up to the maximum length.
  const wanted = Math.min(
    options.maxLengthS,
    Math.max(options.lengthS, event.endT - event.t + options.leadInS + 0.5),
  );
  const length = Math.min(wanted, duration);
  const start = clamp(event.t - options.leadInS, 0, Math.max(0, duration - length));
  return [start, start + length];
}

function scoreWindow(
  clipId: string,
  analysis: ClipAnalysis,
  startS: number,
  endS: number,
  peakS: number,
): Draft {
  const inside = analysis.events.filter((e) => e.t >= startS && e.t <= endS);
  const contribution = new Map<MomentReason, number>();
  const cuts = inside.filter((e) => e.kind === 'cut').length;
  let score = 0;
  let strongest: { t: number; value: number } | null = null;
  for (const e of inside) {
    const value = WEIGHTS[e.kind] * e.score;
    score += value;
    if (!strongest || value > strongest.value) strongest = { t: e.t, value };
    const reason = reasonOf(e.kind, cuts);
    contribution.set(reason, (contribution.get(reason) ?? 0) + value);
  }
  const reasons = [...contribution.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  return {
    clipId,
    startS: round3(startS),
    endS: round3(endS),
    // The moment is about its strongest event (the burst, not the motion around it).
    peakS: round3(clamp(strongest?.t ?? peakS, startS, endS)),
    score: round3(Math.min(3, score)),
    reasons: reasons.length > 0 ? reasons : ['steady'],
  };
}

function reasonOf(kind: HighlightKind, cutsInWindow: number): MomentReason {
  switch (kind) {
    case 'loud':
      return 'loud burst';
    case 'cut':
      return cutsInWindow >= FAST_CUTS ? 'fast cuts' : 'scene change';
    case 'motion':
      return 'high motion';
  }
}

/**
 * Overlapping windows become one when the union still fits `maxLengthS`; otherwise the weaker
 * one is cut back to where the stronger begins or ends (and dropped if little is left).
 */
function mergeOverlaps(
  drafts: Draft[],
  maxLengthS: number,
  analysis: ClipAnalysis,
  clipId: string,
): Draft[] {
  const sorted = [...drafts].sort((a, b) => a.startS - b.startS);
  const out: Draft[] = [];
  for (const d of sorted) {
    const last = out.at(-1);
    if (!last || d.startS >= last.endS) {
      out.push(d);
      continue;
    }
    const endS = Math.max(last.endS, d.endS);
    if (endS - last.startS <= maxLengthS + 1e-9) {
      const peakS = last.score >= d.score ? last.peakS : d.peakS;
      out[out.length - 1] = scoreWindow(clipId, analysis, last.startS, endS, peakS);
    } else if (d.score > last.score) {
      const trimmed = { ...last, endS: d.startS };
      if (trimmed.endS - trimmed.startS >= 1) out[out.length - 1] = rescore(trimmed, analysis);
      else out.pop();
      out.push(d);
    } else {
      const trimmed = { ...d, startS: last.endS };
      if (trimmed.endS - trimmed.startS >= 1) out.push(rescore(trimmed, analysis));
    }
  }
  return out;
}

function rescore(d: Draft, analysis: ClipAnalysis): Draft {
  return scoreWindow(d.clipId, analysis, d.startS, d.endS, d.peakS);
}

/** Non-overlapping windows over the parts of the clip no event claimed, scored by loudness and motion. */
function steadyWindows(
  clipId: string,
  analysis: ClipAnalysis,
  taken: readonly Draft[],
  options: MomentOptions,
): Draft[] {
  const out: Draft[] = [];
  const length = Math.min(options.lengthS, analysis.durationS);
  for (let start = 0; start + length <= analysis.durationS + 1e-9; start += length) {
    const end = start + length;
    if (taken.some((d) => d.startS < end && d.endS > start)) continue;
    out.push({
      clipId,
      startS: round3(start),
      endS: round3(end),
      peakS: round3(start + length / 2),
      score: round3(STEADY_MAX * activity(analysis, start, end)),
      reasons: ['steady'],
    });
  }
  return out;
}

/** 0–1: how loud and busy a span is compared with the clip as a whole. */
function activity(analysis: ClipAnalysis, start: number, end: number): number {
  let loud = 0.5;
  if (analysis.loudness) {
    const { hopS, lufs } = analysis.loudness;
    const slice = lufs.slice(Math.floor(start / hopS), Math.ceil(end / hopS));
    if (slice.length > 0) {
      const mean = slice.reduce((a, b) => a + b, 0) / slice.length;
      loud = clamp((mean + 60) / 50, 0, 1);
    }
  }
  let busy = 0.5;
  if (analysis.motion) {
    const { hopS, values } = analysis.motion;
    const slice = values.slice(Math.floor(start / hopS), Math.ceil(end / hopS));
    if (slice.length > 0) busy = clamp(slice.reduce((a, b) => a + b, 0) / slice.length / 2, 0, 1);
  }
  return (loud + busy) / 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
