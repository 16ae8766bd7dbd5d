/**
 * A library project as a render timeline (spec v1): one clip per segment, its voice at the
 * segment start, word timings shifted onto the project's time line, the caption style preset,
 * and the music layer.
 * Media come from the segment's media links (library ids).
 */
import type { ProjectDetail, Segment } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { PresetId } from '../../../shared/presets';
import type { MediaRef, TimelineInput } from '../../../shared/timeline';
import { musicSettingsOf, storedMusicOf } from '../../../shared/timeline/project-music';

/** The overlap of a non-cut transition into the next segment. */
export const TRANSITION_SEC = 0.3;

export const CAPTION_PRESETS = ['karaoke', 'pop', 'plain'] as const;
export type CaptionPreset = (typeof CAPTION_PRESETS)[number];

const TRANSITIONS = {
  cut: 'cut',
  fade: 'fade',
  'slide-left': 'slideleft',
  'slide-up': 'slideup',
  zoom: 'zoomin',
  wipe: 'wipeleft',
} as const;

const MOTIONS = {
  none: 'none',
  'zoom-in': 'zoom-in',
  'zoom-out': 'zoom-out',
  'pan-left': 'pan-left',
  'pan-right': 'pan-right',
  // The timeline has no shake; a strong zoom is the closest lively motion.
  shake: 'zoom-in',
} as const;

function mediaOf(segment: Segment, role: 'visual' | 'audio'): MediaRef | null {
  const link = segment.media.find((m) => m.role === role);
  return link ? { mediaId: link.mediaId } : null;
}

/** The caption style preset stored on the project (karaoke by default). */
export function captionPresetOf(project: Pick<ProjectDetail, 'settings'>): CaptionPreset {
  const value = project.settings.captionPreset;
  return CAPTION_PRESETS.find((p) => p === value) ?? 'karaoke';
}

/** Start of each segment on the project's time line, seconds. */
export function segmentStarts(segments: readonly Pick<Segment, 'durationMs'>[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const segment of segments) {
    starts.push(at);
    at += segment.durationMs / 1000;
  }
  return starts;
}

/** Every caption word with its absolute times, in order. */
export function captionWords(
  project: ProjectDetail,
): { text: string; start: number; end: number }[] {
  const starts = segmentStarts(project.segments);
  return project.segments.flatMap((segment, i) => {
    const base = starts[i] ?? 0;
    return (segment.wordTimings ?? [])
      .filter((w) => w.word.trim() !== '')
      .map((w) => ({
        text: w.word,
        start: round(base + w.startMs / 1000),
        end: round(base + Math.max(w.startMs, w.endMs) / 1000),
      }));
  });
}

export { musicSettingsOf, type MusicLayerSettings } from '../../../shared/timeline/project-music';

/** The music bed: the project's music layer, else `settings.music` (set by the editor). */
export function musicOf(project: ProjectDetail) {
  const layer = project.layers.find((l) => l.kind === 'music' && l.mediaId);
  const fromSettings = storedMusicOf(project.settings);
  const mediaId = layer?.mediaId ?? fromSettings?.mediaId;
  if (!mediaId) return undefined;
  const s = musicSettingsOf(layer ? layer.settings : (fromSettings ?? {}));
  return {
    media: { mediaId },
    volume: s.volume,
    ducking: { enabled: s.ducking },
    fadeIn: s.fadeIn,
    fadeOut: s.fadeOut,
  };
}

export function projectToTimeline(
  project: ProjectDetail,
  options: { preset?: PresetId; hardware?: boolean } = {},
): TimelineInput {
  if (project.segments.length === 0) {
    throw new AppError('CONFLICT', 'This project has no segments yet: add one first.');
  }
  const starts = segmentStarts(project.segments);
  const last = project.segments.length - 1;
  const clips = project.segments.map((segment, i) => {
    const media = mediaOf(segment, 'visual');
    if (!media) {
      throw new AppError('CONFLICT', `Segment ${String(i + 1)} has no picture yet: add one first.`);
    }
    const type = TRANSITIONS[segment.transition];
    const fades = i < last && type !== 'cut';
    return {
      type: 'image' as const,
      media,
      duration: round(segment.durationMs / 1000 + (fades ? TRANSITION_SEC : 0)),
      motion: { type: MOTIONS[segment.motion], strength: segment.motion === 'shake' ? 0.2 : 0.12 },
      transition: fades ? { type, duration: TRANSITION_SEC } : { type: 'cut' as const },
    };
  });
  const voice = project.segments.flatMap((segment, i) => {
    const media = mediaOf(segment, 'audio');
    return media ? [{ media, start: round(starts[i] ?? 0), volume: segment.volume }] : [];
  });
  const words = captionWords(project);
  const preset = captionPresetOf(project);
  const music = musicOf(project);
  return {
    version: 1,
    // A proxy render halves the timeline's own size: the timeline keeps the full-size preset.
    output: { preset: !options.preset || options.preset === 'proxy' ? 'tiktok' : options.preset },
    encoder: { hardware: options.hardware ?? true },
    clips,
    ...(words.length > 0
      ? {
          captions: {
            words,
            style: { highlight: preset === 'plain' ? 'none' : preset },
          },
        }
      : {}),
    audio: { voice, ...(music ? { music } : {}) },
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
