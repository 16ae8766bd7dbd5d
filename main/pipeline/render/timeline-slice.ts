/**
 * The part of a timeline around one instant, for single-frame previews: only the clips on
 * screen at `t` (two during a transition), with overlays and captions shifted to match, so a
 * scrub renders a few frames instead of everything before `t`.
 */
import { placeClips, timelineDuration, type Timeline } from '../../../shared/timeline';
import type { ResolvedMedia } from './media-refs';

export interface TimelineSlice {
  timeline: Timeline;
  /** `t` on the slice's own clock. */
  localT: number;
  /** Re-keys resolved media from the full timeline's fields to the slice's. */
  remapMedia(media: ReadonlyMap<string, ResolvedMedia>): Map<string, ResolvedMedia>;
}

export function sliceTimelineAt(timeline: Timeline, t: number): TimelineSlice {
  const total = timelineDuration(timeline);
  const at = Math.min(Math.max(0, t), Math.max(0, total - 1e-3));
  const placements = placeClips(timeline.clips);
  const on = placements.flatMap((p, k) => (at >= p.start && at < p.end ? [k] : []));
  const first = on[0] ?? 0;
  const last = on.at(-1) ?? first;
  const offset = placements[first]?.start ?? 0;
  const keptOverlays = timeline.overlays
    .map((overlay, index) => ({ overlay, index }))
    .filter(({ overlay }) => overlay.end > offset);
  const slice: Timeline = {
    ...timeline,
    clips: timeline.clips
      .slice(first, last + 1)
      .map((clip) => ({ ...clip, audio: { ...clip.audio, keep: false } })),
    overlays: keptOverlays.map(({ overlay }) => ({
      ...overlay,
      start: Math.max(0, overlay.start - offset),
      end: overlay.end - offset,
    })),
    captions: timeline.captions && {
      ...timeline.captions,
      words: timeline.captions.words
        .filter((w) => w.end > offset)
        .map((w) => ({ ...w, start: Math.max(0, w.start - offset), end: w.end - offset })),
    },
    audio: { voice: [] },
  };
  return {
    timeline: slice,
    localT: at - offset,
    remapMedia(media) {
      const out = new Map<string, ResolvedMedia>();
      for (let k = first; k <= last; k++) {
        const found = media.get(`clips.${k}.media`);
        if (found) out.set(`clips.${k - first}.media`, found);
      }
      keptOverlays.forEach(({ index }, k) => {
        const found = media.get(`overlays.${index}.media`);
        if (found) out.set(`overlays.${k}.media`, found);
      });
      return out;
    },
  };
}
