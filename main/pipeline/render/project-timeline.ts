/**
 * A library project (its RenderSource: project, ordered segments, layers, resolved media) as a
 * render timeline (spec v1): one clip per segment, captions from the segments' word timings in
 * the captions layer's style over the project's brand kit, the voice layer, the music layer,
 * output from the project's format.
 *
 * Segment i starts at the sum of the earlier segments' durations; a clip with a transition is
 * lengthened by the overlap so the next one still starts there, keeping voices and captions in
 * sync with the pictures whatever the transitions.
 */
import type { BrandKit } from '../../../shared/contract/brand-kits.contract';
import type { Layer, ProjectDetail, Segment } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { PresetId } from '../../../shared/presets';
import { brandCaptionStyle } from '../../../shared/presets/brand-style';
import {
  CaptionStyle,
  type CaptionWord,
  type MediaRef,
  type TimelineInput,
  type TransitionType,
} from '../../../shared/timeline';
import { musicSettingsOf, storedMusicOf } from '../../../shared/timeline/project-music';
import type { RenderSource, ResolvedMedia } from '../../store/projects/render-source';

/** Overlap of a segment's transition into the next one, seconds. */
export const TRANSITION_SEC = 0.3;
/** How far Ken Burns motions move (timeline `motion.strength`). */
export const MOTION_STRENGTH = 0.12;

const MOTION: Record<
  Segment['motion'],
  'none' | 'zoom-in' | 'zoom-out' | 'pan-left' | 'pan-right'
> = {
  none: 'none',
  'zoom-in': 'zoom-in',
  'zoom-out': 'zoom-out',
  'pan-left': 'pan-left',
  'pan-right': 'pan-right',
  // The timeline has no shake; a zoom is the closest lively motion (as the editor previews it).
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

export interface ProjectTimelineOptions {
  /** Render with this preset's size and rate instead of the project's format. */
  preset?: PresetId;
}

export function projectToTimeline(
  source: RenderSource,
  options: ProjectTimelineOptions = {},
): TimelineInput {
  const { project } = source;
  if (project.segments.length === 0) {
    throw new AppError(
      'CONFLICT',
      `The project "${project.title}" has no segments yet: add or generate some first.`,
    );
  }
  const media = (id: string): ResolvedMedia => {
    const found = source.media.get(id);
    if (!found) throw new AppError('CORRUPT', `Project ${project.id} uses a missing medium ${id}.`);
    return found;
  };
  const starts: number[] = [];
  let t = 0;
  for (const segment of project.segments) {
    starts.push(t);
    t += segment.durationMs / 1000;
  }
  const last = project.segments.length - 1;
  const clips = project.segments.map((segment, i) => {
    const link = segment.media.find((m) => m.role === 'visual');
    if (!link) {
      throw new AppError(
        'CONFLICT',
        `Segment ${i + 1} of "${project.title}" has no picture or video yet: give it one first.`,
      );
    }
    const visual = media(link.mediaId);
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
      media: ref(visual),
      duration: round(segment.durationMs / 1000 + overlap),
      ...(video && {
        speed: segment.playbackRate,
        audio: { keep: segment.volume > 0, volume: segment.volume },
      }),
      // Motion moves stills; videos move by themselves.
      motion: { type: video ? 'none' : MOTION[segment.motion], strength: MOTION_STRENGTH },
      transition:
        transition === 'cut'
          ? { type: 'cut' as const }
          : { type: transition, duration: TRANSITION_SEC },
    };
  });

  const layer = (kind: Layer['kind']) => project.layers.find((l) => l.kind === kind);
  const timeline: TimelineInput = {
    version: 1,
    output: output(project, options.preset),
    clips,
    audio: { voice: voiceTracks(project, starts, layer('voice'), media) },
  };
  const captionsLayer = layer('captions');
  if (captionsLayer) {
    const words = captionWords(project.segments, starts);
    if (words.length > 0)
      timeline.captions = {
        words,
        style: captionStyle(captionsLayer, project.title, source.brandKit ?? null),
      };
  }
  const musicLayer = layer('music');
  if (musicLayer?.mediaId) {
    const s = musicLayer.settings;
    const ducking = s.ducking;
    timeline.audio = {
      ...timeline.audio,
      music: {
        media: ref(media(musicLayer.mediaId)),
        ...(typeof s.volume === 'number' && { volume: s.volume }),
        ducking:
          typeof ducking === 'boolean'
            ? { enabled: ducking }
            : {
                ...(isRecord(ducking) &&
                  typeof ducking.enabled === 'boolean' && { enabled: ducking.enabled }),
                ...(isRecord(ducking) &&
                  typeof ducking.amount === 'number' && { amount: ducking.amount }),
              },
        ...(typeof s.fadeIn === 'number' && { fadeIn: s.fadeIn }),
        ...(typeof s.fadeOut === 'number' && { fadeOut: s.fadeOut }),
        ...(typeof s.loop === 'boolean' && { loop: s.loop }),
      },
    };
  } else {
    // No music layer file: the editor's music panel keeps the bed in the project's settings.
    const stored = storedMusicOf(project.settings);
    if (stored) {
      const s = musicSettingsOf(stored);
      timeline.audio = {
        ...timeline.audio,
        music: {
          media: ref(media(stored.mediaId)),
          volume: s.volume,
          ducking: { enabled: s.ducking },
          fadeIn: s.fadeIn,
          fadeOut: s.fadeOut,
        },
      };
    }
  }
  return timeline;
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
 * The voice layer: its own audio file from the start, or (generated projects, no file) each
 * segment's audio at the segment's start. Volume: the layer's, times the segment's.
 */
function voiceTracks(
  project: ProjectDetail,
  starts: readonly number[],
  layer: Layer | undefined,
  media: (id: string) => ResolvedMedia,
): { media: MediaRef; start: number; volume: number }[] {
  if (!layer) return [];
  const volume = typeof layer.settings.volume === 'number' ? layer.settings.volume : 1;
  if (layer.mediaId) return [{ media: ref(media(layer.mediaId)), start: 0, volume }];
  return project.segments.flatMap((segment, i) => {
    const link = segment.media.find((m) => m.role === 'audio');
    if (!link) return [];
    return [
      {
        media: ref(media(link.mediaId)),
        start: round(starts[i] ?? 0),
        volume: Math.min(4, volume * segment.volume),
      },
    ];
  });
}

/** Every timed word on the project's time line (words past their segment's end are dropped). */
function captionWords(segments: readonly Segment[], starts: readonly number[]): CaptionWord[] {
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

/**
 * The captions layer's `style` (timeline CaptionStyle fields, defaults filled) over the brand
 * kit's colours and font; unknown keys are ignored.
 */
function captionStyle(layer: Layer, title: string, kit: BrandKit | null): CaptionStyle {
  const given = isRecord(layer.settings.style) ? layer.settings.style : {};
  const known = Object.fromEntries([
    ...Object.entries(kit ? brandCaptionStyle(kit) : {}),
    ...Object.entries(given).filter(([key]) => key in CaptionStyle.shape),
  ]);
  const parsed = CaptionStyle.safeParse(known);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION',
      `The captions style of "${title}" is invalid: style.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function ref(media: ResolvedMedia): MediaRef {
  return { path: media.path };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
