/**
 * `montage.*`: turn an evening of gameplay clips into a short montage cut to music.
 *
 * `montage.generate` analyses clips (loudness, scene changes, motion; cached per file hash),
 * proposes moments and, with a music track, its beat grid. The renderer edits the moment list
 * locally (reorder, remove, lengthen, swap) and sends it back to render.
 */
import { z } from 'zod';
import { event, operation } from './define';

const seconds = z
  .number()
  .nonnegative()
  .max(24 * 3600);
const HandleId = z.string().min(1).max(100);

/** Why a moment was proposed; the first reason is the strongest. */
export const MomentReason = z.enum([
  'loud burst',
  'scene change',
  'fast cuts',
  'high motion',
  'steady',
]);
export type MomentReason = z.infer<typeof MomentReason>;

/** A span of one clip worth showing. */
export const Moment = z
  .object({
    /** Stable id within one generate result (candidates and chosen moments share them). */
    id: z.string().min(1).max(100),
    /** The clip: a file handle id, or `media:<id>` for a clip in the library. */
    clipId: HandleId,
    startS: seconds,
    endS: seconds,
    /** The event the moment is built around (a burst's onset, a cut), within [startS, endS]. */
    peakS: seconds,
    /** 0–1; higher is better. */
    score: z.number().min(0).max(10),
    reasons: z.array(MomentReason).min(1).max(5),
  })
  .strict()
  .refine((m) => m.endS > m.startS, { message: 'endS must be after startS', path: ['endS'] });
export type Moment = z.infer<typeof Moment>;

/** How long proposed moments are. */
export const MomentOptions = z
  .object({
    /** Usual length of a moment. */
    lengthS: z.number().min(1).max(15).default(4),
    minLengthS: z.number().min(0.5).max(15).default(2),
    maxLengthS: z.number().min(1).max(30).default(6),
    /** Seconds shown before the event, so the action has context. */
    leadInS: z.number().min(0).max(10).default(1),
  })
  .strict()
  .refine((o) => o.minLengthS <= o.lengthS && o.lengthS <= o.maxLengthS, {
    message: 'need minLengthS ≤ lengthS ≤ maxLengthS',
  });
export type MomentOptions = z.infer<typeof MomentOptions>;

/** One analysed clip, as the editor shows it. */
export const ClipSummary = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    clipId: HandleId,
    name: z.string(),
    durationS: seconds,
    hasAudio: z.boolean(),
    hasVideo: z.boolean(),
    width: z.number().int().nonnegative(),
    height: z.number().int().nonnegative(),
    /** Momentary loudness every 0.5 s (LUFS), for the strip's loudness line; empty without audio. */
    loudness: z.array(z.number()),
    /** Whether the analysis came from the cache. */
    cached: z.boolean(),
  }),
  z.object({
    status: z.literal('skipped'),
    clipId: HandleId,
    name: z.string(),
    /** Why the clip could not be used ("ffprobe could not read it"). */
    reason: z.string(),
  }),
]);
export type ClipSummary = z.infer<typeof ClipSummary>;

/** The beat grid of a music track. */
export const BeatGrid = z.object({
  bpm: z.number().positive(),
  /** Beat times in seconds from the start of the track. */
  beats: z.array(seconds),
  /** 0–1: how clearly the track pulses at that tempo. */
  confidence: z.number().min(0).max(1),
  durationS: seconds,
});
export type BeatGrid = z.infer<typeof BeatGrid>;

export const GenerateInput = z
  .object({
    /** Chosen by the caller so it can cancel and follow progress before the call returns. */
    jobId: z.string().min(1).max(100).optional(),
    clips: z
      .array(z.object({ id: HandleId }).strict())
      .min(1)
      .max(100),
    /** Montage length to fill. */
    targetDurationS: z.number().min(3).max(600).default(45),
    music: z.object({ id: HandleId }).strict().optional(),
    moments: MomentOptions.prefault({}),
  })
  .strict();
export type GenerateInput = z.input<typeof GenerateInput>;

export const GenerateResult = z.object({
  jobId: z.string(),
  clips: z.array(ClipSummary),
  /** The proposed montage, in playing order. */
  moments: z.array(Moment),
  /** Other candidates, best first, for "swap for the next candidate". */
  alternates: z.array(Moment),
  beats: BeatGrid.nullable(),
});
export type GenerateResult = z.infer<typeof GenerateResult>;

export const MontagePhase = z.enum(['analysing', 'beats', 'planning', 'rendering']);
export type MontagePhase = z.infer<typeof MontagePhase>;

export const montageOperations = {
  'montage.generate': operation({
    doc: 'Analyses clips (cached per file hash) and proposes moments filling the target duration; with music, its beat grid. Emits montage.progress; cancel with montage.cancel.',
    input: GenerateInput,
    output: GenerateResult,
  }),
  'montage.beats': operation({
    doc: 'The tempo and beat grid of a music file.',
    input: z.object({ music: z.object({ id: HandleId }).strict() }).strict(),
    output: BeatGrid,
  }),
  'montage.cancel': operation({
    doc: 'Stops a running montage job (its ffmpeg processes are killed); false when none runs under that id.',
    input: z.object({ jobId: z.string().min(1).max(100) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
};

export const montageEvents = {
  'montage.progress': event({
    doc: 'Progress of a montage job: phase, and done/total units of it.',
    payload: z.object({
      jobId: z.string(),
      phase: MontagePhase,
      /** 0–1 over the whole job. */
      fraction: z.number().min(0).max(1),
      /** What is being worked on, for the status line ("clip03.mp4"). */
      detail: z.string().optional(),
    }),
  }),
};
