/**
 * A library project as a render timeline (spec v1), the one conversion used by the editor's
 * preview and export (media named by library id) and by main's project renders, the CLI and
 * exports (media named by file path). Pure: the caller resolves media through `ProjectMedia`.
 *
 * One clip per segment; segment i starts at the sum of the earlier segments' durations, and a
 * clip with a transition is lengthened by the overlap so the next one still starts there, which
 * keeps voices and captions in sync with the pictures whatever the transitions.
 */
import type { BrandKit } from '../contract/brand-kits.contract';
import type { MediaKind } from '../contract/media.contract';
import type { Layer, ProjectDetail, Segment } from '../contract/projects.contract';
import { AppError } from '../errors';
import type { PresetId } from '../presets/presets';
import { brandCaptionStyle } from '../presets/brand-style';
import { musicSettingsOf, storedMusicOf } from './project-music';
import {
  CaptionStyle,
  type CaptionWord,
  type MediaRef,
  type TimelineInput,
  type TransitionType,
} from './timeline.schema';

/** Overlap of a segment's transition into the next one, seconds. */
export const TRANSITION_SEC = 0.3;
/** How far Ken Burns motions move (timeline `motion.strength`). */
export const MOTION_STRENGTH = 0.12;
/** The timeline has no shake: a stronger zoom-in is the closest lively motion. */
export const SHAKE_STRENGTH = 0.2;

export const CAPTION_PRESETS = ['karaoke', 'pop', 'plain'] as const;
export type CaptionPreset = (typeof CAPTION_PRESETS)[number];

/** A medium as the timeline names it, and what it is. */
export interface ResolvedProjectMedium {
  ref: MediaRef;
  kind: MediaKind;
}

/**
 * How the caller names the project's media in the timeline: main by file path, the editor by
 * library id. `undefined` when the library has no such medium (the conversion then fails).
 */
export interface ProjectMedia {
  resolve(mediaId: string): ResolvedProjectMedium | undefined;
}

/** The project (with its ordered segments, layers and settings) and its brand kit, if any. */
export interface ProjectTimelineSource {
  project: ProjectDetail;
  brandKit?: BrandKit | null;
}

export interface ProjectTimelineOptions {
  /** Render with this preset's size and rate instead of the project's format (`proxy` keeps it). */
  preset?: PresetId;
  /** May a hardware encoder be used; unset leaves it to the timeline default and Settings. */
  hardware?: boolean;
}

const MOTION: Record<
  Segment['motion'],
  'none' | 'zoom-in' | 'zoom-out' | 'pan-left' | 'pan-right'
> = {
  none: 'none',
  'zoom-in': 'zoom-in',
  'zoom-out': 'zoom-out',
  'pan-left': 'pan-left',
  'pan-right': 'pan-right',
  shake: 'zoom-in',
};

const TRANSITION: Record<Segment['transition'], TransitionType> = {
  cut: 'cut',
  fade: 'fade',
  'slide-left': 'slideleft',
  'slide-up': 'slideup',
  zoom: 'zoomin',
  wipe: 'wipeleft',
};

const PLATFORM_PRESET: Record<ProjectDetail['platform'], PresetId> = {
  tiktok: 'tiktok',
  'youtube-shorts': 'shorts',
  'instagram-reels': 'reels',
  twitch: 'youtube',
  custom: 'tiktok',
};

export function projectToTimeline(
  source: ProjectTimelineSource,
  media: ProjectMedia,
  options: ProjectTimelineOptions = {},
): TimelineInput {
  const { project } = source;
  if (project.segments.length === 0) {
    throw new AppError(
      'CONFLICT',
      `The project "${project.title}" has no segments yet: add or generate some first.`,
    );
  }
  const resolve = (id: string): ResolvedProjectMedium => {
    const found = media.resolve(id);
    if (!found) throw new AppError('CORRUPT', `Project ${project.id} uses a missing medium ${id}.`);
    return found;
  };
  const starts = segmentStarts(project.segments);
  const layer = (kind: Layer['kind']) => project.layers.find((l) => l.kind === kind);
  const timeline: TimelineInput = {
    version: 1,
    output: output(project, options.preset),
    ...(options.hardware !== undefined && { encoder: { hardware: options.hardware } }),
    clips: clips(project, resolve),
    audio: { voice: voiceTracks(project, starts, layer('voice'), resolve) },
  };
  const words = captionWords(project.segments);
  if (words.length > 0)
    timeline.captions = { words, style: captionStyle(project, source.brandKit ?? null) };
  const music = projectMusicOf(project);
  if (music) {
    timeline.audio = {
      ...timeline.audio,
      music: {
        media: resolve(music.mediaId).ref,
        volume: music.volume,
        ducking: {
          enabled: music.ducking,
          ...(music.duckingAmount !== undefined && { amount: music.duckingAmount }),
        },
        fadeIn: music.fadeIn,
        fadeOut: music.fadeOut,
        ...(music.loop !== undefined && { loop: music.loop }),
      },
    };
  }
  return timeline;
}

function clips(
  project: ProjectDetail,
  resolve: (id: string) => ResolvedProjectMedium,
): TimelineInput['clips'] {
  const last = project.segments.length - 1;
  return project.segments.map((segment, i) => {
    const link = segment.media.find((m) => m.role === 'visual');
    if (!link) {
      throw new AppError(
        'CONFLICT',
        `Segment ${i + 1} of "${project.title}" has no picture or video yet: give it one first.`,
      );
    }
    const visual = resolve(link.mediaId);
    if (visual.kind !== 'image' && visual.kind !== 'video') {
      throw new AppError(
        'VALIDATION',
        `Segment ${i + 1} of "${project.title}" shows a ${visual.kind} file; it needs an image or a video.`,
      );
    }
    const transition = i < last ? TRANSITION[segment.transition] : 'cut';
    const overlap = transition === 'cut' ? 0 : TRANSITION_SEC;
    const video = visual.kind === 'video';
    return {
      type: visual.kind,
      media: visual.ref,
      duration: round(segment.durationMs / 1000 + overlap),
      ...(video && {
        speed: segment.playbackRate,
        audio: { keep: segment.volume > 0, volume: segment.volume },
      }),
      // Motion moves stills; videos move by themselves.
      motion: video
        ? { type: 'none' as const, strength: MOTION_STRENGTH }
        : {
            type: MOTION[segment.motion],
            strength: segment.motion === 'shake' ? SHAKE_STRENGTH : MOTION_STRENGTH,
          },
      transition:
        transition === 'cut'
          ? { type: 'cut' as const }
          : { type: transition, duration: TRANSITION_SEC },
    };
  });
}

/**
 * The project's size and rate (even sizes, as H.264 needs), or a chosen preset's. A proxy keeps
 * the project's size: the renderer scales it down (given the same preset as its override).
 */
function output(project: ProjectDetail, preset: PresetId | undefined): TimelineInput['output'] {
  if (preset && preset !== 'proxy') return { preset };
  const even = (n: number) => Math.max(64, Math.min(4096, Math.round(n / 2) * 2));
  return {
    preset: PLATFORM_PRESET[project.platform],
    width: even(project.format.width),
    height: even(project.format.height),
    fps: Math.min(60, project.format.fps),
  };
}

/**
 * The voice: the voice layer's own file from the start, else each segment's audio at the
 * segment's start. Volume: the layer's (1 without a layer) times the segment's.
 */
function voiceTracks(
  project: ProjectDetail,
  starts: readonly number[],
  layer: Layer | undefined,
  resolve: (id: string) => ResolvedProjectMedium,
): { media: MediaRef; start: number; volume: number }[] {
  const volume = layer && typeof layer.settings.volume === 'number' ? layer.settings.volume : 1;
  if (layer?.mediaId) return [{ media: resolve(layer.mediaId).ref, start: 0, volume }];
  return project.segments.flatMap((segment, i) => {
    const link = segment.media.find((m) => m.role === 'audio');
    if (!link) return [];
    return [
      {
        media: resolve(link.mediaId).ref,
        start: round(starts[i] ?? 0),
        volume: Math.min(4, volume * segment.volume),
      },
    ];
  });
}

/** Every medium the project's timeline may use: segments' pictures and voices, layer files, music. */
export function projectMediaIds(
  project: Pick<ProjectDetail, 'segments' | 'layers' | 'settings'>,
): string[] {
  const ids = new Set<string>();
  for (const segment of project.segments) for (const link of segment.media) ids.add(link.mediaId);
  for (const layer of project.layers) if (layer.mediaId) ids.add(layer.mediaId);
  const music = storedMusicOf(project.settings);
  if (music) ids.add(music.mediaId);
  return [...ids];
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

/**
 * Every timed word on the project's time line, trimmed; words starting past their segment's
 * end are dropped and ends are held inside the segment, so a caption never outlives its picture.
 */
export function captionWords(
  segments: readonly Pick<Segment, 'durationMs' | 'wordTimings'>[],
): CaptionWord[] {
  const starts = segmentStarts(segments);
  return segments.flatMap((segment, i) => {
    const offset = starts[i] ?? 0;
    const end = segment.durationMs / 1000;
    return (segment.wordTimings ?? [])
      .filter((w) => w.word.trim() !== '' && w.startMs / 1000 < end)
      .map((w) => ({
        text: w.word.trim(),
        start: round(offset + w.startMs / 1000),
        end: round(offset + Math.min(end, Math.max(w.startMs, w.endMs) / 1000)),
      }));
  });
}

/** The caption style preset the editor stored (`settings.captionPreset`), if any. */
export function storedCaptionPresetOf(
  project: Pick<ProjectDetail, 'settings'>,
): CaptionPreset | undefined {
  const value = project.settings.captionPreset;
  return CAPTION_PRESETS.find((p) => p === value);
}

/** The caption style preset shown by the editor: the stored one, else the captions layer's highlight. */
export function captionPresetOf(
  project: Pick<ProjectDetail, 'settings' | 'layers'>,
): CaptionPreset {
  const stored = storedCaptionPresetOf(project);
  if (stored) return stored;
  const style = project.layers.find((l) => l.kind === 'captions')?.settings.style;
  const highlight = isRecord(style) ? style.highlight : undefined;
  return highlight === 'none' ? 'plain' : highlight === 'pop' ? 'pop' : 'karaoke';
}

/**
 * The caption style: the brand kit's colours and font, under the captions layer's `style`
 * (timeline CaptionStyle fields; unknown keys ignored), under the editor's preset (highlight).
 */
function captionStyle(project: ProjectDetail, kit: BrandKit | null): CaptionStyle {
  const layerStyle = project.layers.find((l) => l.kind === 'captions')?.settings.style;
  const given = isRecord(layerStyle) ? layerStyle : {};
  const preset = storedCaptionPresetOf(project);
  const entries: [string, unknown][] = [
    ...Object.entries(kit ? brandCaptionStyle(kit) : {}),
    ...Object.entries(given).filter(([key]) => key in CaptionStyle.shape),
  ];
  if (preset) entries.push(['highlight', preset === 'plain' ? 'none' : preset]);
  const known = Object.fromEntries(entries);
  const parsed = CaptionStyle.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `The captions style of "${project.title}" is invalid: style.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** The project's music bed and its settings, with the editor's defaults. */
export interface ProjectMusic {
  mediaId: string;
  volume: number;
  ducking: boolean;
  /** Set only when the project chose one (else the timeline's default). */
  duckingAmount?: number;
  fadeIn: number;
  fadeOut: number;
  loop?: boolean;
}

/** The music layer when it has a file, else the editor's `settings.music`; null without music. */
export function projectMusicOf(
  project: Pick<ProjectDetail, 'layers' | 'settings'>,
): ProjectMusic | null {
  const layer = project.layers.find((l) => l.kind === 'music' && l.mediaId);
  const stored = storedMusicOf(project.settings);
  const mediaId = layer?.mediaId ?? stored?.mediaId;
  if (!mediaId) return null;
  const settings = layer ? layer.settings : (stored ?? {});
  return { mediaId, ...musicSettingsOf(settings) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
