/**
 * Turns a generated project into a render timeline (spec v1, `shared/timeline` on the render
 * branch): one image clip per segment lasting as long as its voice, gentle alternating motion,
 * short fades, the voices placed at their segment starts, and the word-timed captions.
 */
import type { GeneratedProject } from '../../../shared/contract/generate.contract';
import { AppError } from '../../../shared/errors';
import { currentVersion, segmentDuration, segmentStarts } from './job/captions';

/** The fade between segments; clips are lengthened by it so voices and captions stay in sync. */
export const TRANSITION_SEC = 0.3;

const MOTIONS = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left'] as const;

/** A timeline as render accepts it (the subset of `TimelineInput` generation fills in). */
export interface GeneratedTimeline {
  version: 1;
  output: { preset: 'tiktok' };
  clips: {
    type: 'image';
    media: { path: string };
    duration: number;
    motion: { type: (typeof MOTIONS)[number]; strength: number };
    transition: { type: 'fade' | 'cut'; duration: number };
  }[];
  captions?: { words: { text: string; start: number; end: number }[] };
  audio: { voice: { media: { path: string }; start: number }[] };
}

export function projectToTimeline(project: GeneratedProject): GeneratedTimeline {
  if (project.segments.length === 0) {
    throw new AppError(
      'CONFLICT',
      'This project has no segments yet: finish its generation first.',
    );
  }
  const starts = segmentStarts(project.segments);
  const last = project.segments.length - 1;
  const clips = project.segments.map((segment, i) => {
    const image = currentVersion(segment.images);
    if (!image)
      throw new AppError(
        'CONFLICT',
        `Segment ${i + 1} has no image yet: finish its generation first.`,
      );
    const fades = i < last;
    return {
      type: 'image' as const,
      media: { path: image.path },
      duration: round(segmentDuration(segment) + (fades ? TRANSITION_SEC : 0)),
      motion: { type: MOTIONS[i % MOTIONS.length] ?? 'zoom-in', strength: 0.12 },
      transition: fades
        ? { type: 'fade' as const, duration: TRANSITION_SEC }
        : { type: 'cut' as const, duration: 0.5 },
    };
  });
  const voice = project.segments.flatMap((segment, i) => {
    const current = currentVersion(segment.voices);
    return current ? [{ media: { path: current.path }, start: round(starts[i] ?? 0) }] : [];
  });
  const words = (project.captions ?? [])
    .flatMap((cue) => cue.words)
    .filter((w) => w.word.trim() !== '')
    .map((w) => ({ text: w.word, start: w.start, end: Math.max(w.start, w.end) }));
  return {
    version: 1,
    output: { preset: 'tiktok' },
    clips,
    ...(words.length > 0 ? { captions: { words } } : {}),
    audio: { voice },
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
