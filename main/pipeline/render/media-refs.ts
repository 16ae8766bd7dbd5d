/**
 * Every media file a timeline uses, with the field that names it (so a missing file is
 * reported as "clips.2.media: …/beach.mp4 not found").
 */
import type { MediaRef, Timeline } from '../../../shared/timeline';

export interface MediaUse {
  /** Dotted field path, e.g. `clips.0.media`. */
  field: string;
  ref: MediaRef;
  /** What the render takes from the file. */
  needs: 'picture' | 'sound' | 'picture+sound';
}

export function mediaUses(timeline: Timeline): MediaUse[] {
  const uses: MediaUse[] = [];
  timeline.clips.forEach((clip, k) => {
    uses.push({
      field: `clips.${k}.media`,
      ref: clip.media,
      needs: clip.type === 'video' && clip.audio.keep ? 'picture+sound' : 'picture',
    });
  });
  timeline.overlays.forEach((overlay, k) => {
    if (overlay.type === 'image')
      uses.push({ field: `overlays.${k}.media`, ref: overlay.media, needs: 'picture' });
  });
  timeline.audio.voice.forEach((voice, k) => {
    uses.push({ field: `audio.voice.${k}.media`, ref: voice.media, needs: 'sound' });
  });
  if (timeline.audio.music)
    uses.push({ field: 'audio.music.media', ref: timeline.audio.music.media, needs: 'sound' });
  return uses;
}

/** A media file found and probed. */
export interface ResolvedMedia {
  path: string;
  hasVideo: boolean;
  hasAudio: boolean;
}
