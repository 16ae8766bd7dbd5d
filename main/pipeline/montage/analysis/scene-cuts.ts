/**
 * Hard scene changes from cheap evidence: keyframe thumbnails say *whether* the picture changed
 * between two keyframes; packet sizes say *where* inside the GOP (a cut costs the encoder an
 * outsized frame, or, cutting to flat content, drops the bitrate at once). Intervals where the
 * packets do not point at one frame are decoded in full, at thumbnail size, by the caller.
 */
import { frameDifference, type Thumb } from './frame-sampler';
import type { VideoPacket } from './media-probe';

/** Keyframe-to-keyframe difference above which the interval is examined for a cut. */
export const CUT_VISUAL_THRESHOLD = 0.12;
/** Frame-to-frame difference a decoded cut must reach (adjacent frames of one shot stay far below). */
export const CUT_FRAME_THRESHOLD = 0.1;
/** Packet-size discontinuity (ratio, either direction) that places a cut without decoding. */
const PACKET_SURE_RATIO = 8;
/** A weaker discontinuity, used when the decode budget is spent. */
const PACKET_HINT_RATIO = 3;

export interface SceneCut {
  t: number;
  /** How different the pictures either side are, 0–1. */
  strength: number;
  /** How the time was found: from packets, an off-cadence keyframe, or decoded frames. */
  located: 'packets' | 'keyframe' | 'decoded';
}

/** An interval between keyframes that changed but could not be pinned down from packets. */
export interface UnresolvedInterval {
  fromS: number;
  toS: number;
  strength: number;
  /** Where packets hint the cut is, if they hint at all: the answer when nothing is decoded. */
  fallbackS: number | null;
}

export interface CutSearch {
  cuts: SceneCut[];
  unresolved: UnresolvedInterval[];
}

/** Finds cuts between consecutive keyframe thumbnails, using packets to place them. */
export function locateCuts(
  keyframes: readonly Thumb[],
  packets: readonly VideoPacket[],
): CutSearch {
  const cuts: SceneCut[] = [];
  const unresolved: UnresolvedInterval[] = [];
  const gop = typicalGop(keyframes);
  for (let k = 1; k < keyframes.length; k++) {
    const before = keyframes[k - 1];
    const after = keyframes[k];
    if (!before || !after) continue;
    const strength = frameDifference(before.pixels, after.pixels);
    if (strength < CUT_VISUAL_THRESHOLD) continue;
    const jump = strongestJump(packets, before.t, after.t);
    if (jump && jump.ratio >= PACKET_SURE_RATIO) {
      cuts.push({ t: jump.t, strength, located: 'packets' });
    } else if (gop !== null && after.t - before.t < gop * 0.8) {
      // The encoder started a GOP early: its scene-cut detection put a keyframe on the cut.
      cuts.push({ t: after.t, strength, located: 'keyframe' });
    } else {
      const fallbackS = jump && jump.ratio >= PACKET_HINT_RATIO ? jump.t : null;
      unresolved.push({ fromS: before.t, toS: after.t, strength, fallbackS });
    }
  }
  return { cuts, unresolved };
}

/**
 * The packet in (from, to] whose size breaks most from its neighbours: a spike (size against
 * the median of the frames before) or a step (median after against median before, with the
 * frame itself on the new level). Windows stay inside the GOP: right after a keyframe an
 * encoder codes the same content at another size, which is no cut. The closing keyframe is a
 * candidate too (a cut exactly on it), judged against the frames that follow it.
 */
export function strongestJump(
  packets: readonly VideoPacket[],
  fromS: number,
  toS: number,
): { t: number; ratio: number } | null {
  const span = 6;
  const inside: VideoPacket[] = [];
  const following: VideoPacket[] = [];
  let closing: VideoPacket | undefined;
  for (const p of packets) {
    if (p.t <= fromS + 1e-6) continue;
    if (p.t < toS - 1e-6) {
      if (!p.key) inside.push(p);
    } else if (!closing && p.key) closing = p;
    else if (closing && !p.key && following.length < span) following.push(p);
    else if (closing && p.key) break;
  }
  const found: { t: number; ratio: number }[] = [];
  for (let i = 2; i < inside.length; i++) {
    const p = inside[i];
    if (!p) continue;
    const before = Math.max(1, median(sizes(inside.slice(Math.max(0, i - span), i))));
    const afterSizes = sizes(inside.slice(i, i + span));
    const spike = p.bytes / before;
    let ratio = spike;
    if (afterSizes.length >= 2) {
      const after = Math.max(1, median(afterSizes));
      const onNewLevel =
        Math.abs(Math.log(p.bytes / after)) <= Math.abs(Math.log(p.bytes / before));
      if (onNewLevel) ratio = Math.max(spike, after / before, before / after);
    }
    found.push({ t: p.t, ratio });
  }
  let best = earliestOfStrongest(found);
  // The closing keyframe only when nothing inside the GOP stands out: a keyframe also changes
  // the size of the frames after it (static content codes smaller after a refresh).
  if (
    closing &&
    following.length >= 2 &&
    inside.length >= 2 &&
    (best?.ratio ?? 0) < PACKET_HINT_RATIO
  ) {
    const before = Math.max(1, median(sizes(inside.slice(-span))));
    const after = Math.max(1, median(sizes(following)));
    const ratio = Math.max(after / before, before / after);
    if (!best || ratio > best.ratio) best = { t: closing.t, ratio };
  }
  return best;
}

/**
 * The strongest discontinuity, moved back over neighbours at least half as strong: after a cut
 * the new level settles over a few frames, which makes later frames read as larger steps.
 */
function earliestOfStrongest(
  found: readonly { t: number; ratio: number }[],
): { t: number; ratio: number } | null {
  let at = -1;
  for (let i = 0; i < found.length; i++) {
    if (at < 0 || (found[i]?.ratio ?? 0) > (found[at]?.ratio ?? 0)) at = i;
  }
  const best = found[at];
  if (!best) return null;
  while (at > 0 && (found[at - 1]?.ratio ?? 0) >= best.ratio / 2) at--;
  return { t: found[at]?.t ?? best.t, ratio: best.ratio };
}

function sizes(packets: readonly VideoPacket[]): number[] {
  return packets.map((p) => p.bytes);
}

/**
 * Places a cut in decoded frames of one interval: the largest frame-to-frame difference, if it
 * is large enough to be a cut rather than motion.
 */
export function cutInFrames(frames: readonly Thumb[], strength: number): SceneCut | null {
  let best: { t: number; diff: number } | null = null;
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1];
    const b = frames[i];
    if (!a || !b) continue;
    const diff = frameDifference(a.pixels, b.pixels);
    if (!best || diff > best.diff) best = { t: b.t, diff };
  }
  if (!best || best.diff < CUT_FRAME_THRESHOLD) return null;
  return { t: best.t, strength: Math.max(strength, best.diff), located: 'decoded' };
}

/** The usual keyframe spacing (median), or null with too few keyframes to tell. */
function typicalGop(keyframes: readonly Thumb[]): number | null {
  if (keyframes.length < 3) return null;
  const gaps: number[] = [];
  for (let k = 1; k < keyframes.length; k++) {
    gaps.push((keyframes[k]?.t ?? 0) - (keyframes[k - 1]?.t ?? 0));
  }
  return median(gaps);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
