/**
 * `montage.*`: turn an evening of gameplay clips into a short montage cut to music.
 *
 * `montage.generate` analyses clips (loudness, scene changes, motion; cached per file hash),
 * proposes moments and, with a music track, its beat grid. The renderer edits the moment list
 * locally (reorder, remove, lengthen, swap) and sends it back to render.
 */
import { z } from 'zod';
import { PresetId } from '../presets/presets';
import { event, operation } from './define';
import { RenderJob } from './render.contract';

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

/** `duck`: clip sound kept, music lowered under its peaks. `mute`: music only. */
export const MontageAudioMode = z.enum(['duck', 'mute']);
export type MontageAudioMode = z.infer<typeof MontageAudioMode>;

/** Output presets a montage can target (the proxy is a render option, not a target). */
export const MontagePreset = PresetId.exclude(['proxy']);
export type MontagePreset = z.infer<typeof MontagePreset>;

/** An intro or outro card: text in the brand kit's colours and heading font. */
export const TitleCard = z
  .object({
    text: z.string().trim().min(1).max(120),
    durationS: z.number().min(0.5).max(10).default(2),
  })
  .strict();
export type TitleCard = z.infer<typeof TitleCard>;

/** The edited montage as the editor (or the CLI) hands it over for rendering or previews. */
export const MontageEdit = z
  .object({
    /** In playing order. */
    moments: z.array(Moment).min(1).max(200),
    music: z.object({ id: HandleId }).strict().optional(),
    audio: MontageAudioMode.default('duck'),
    /** Snap every cut to the nearest beat of the music (needs music). */
    snapToBeats: z.boolean().default(true),
    /** Brand kit whose colours and heading font style the title cards. */
    brandKitId: z.string().min(1).max(64).optional(),
    intro: TitleCard.optional(),
    outro: TitleCard.optional(),
    preset: MontagePreset.default('tiktok'),
    /** Which part of the picture a vertical or square crop keeps (0.5, 0.5 = centre). */
    focus: z
      .object({
        x: z.number().min(0).max(1).default(0.5),
        y: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type MontageEditInput = z.input<typeof MontageEdit>;
export type MontageEdit = z.output<typeof MontageEdit>;

/** Where each part of a montage lands in the output, seconds. */
export const MontageLayout = z.object({
  /** Start of every moment, then the end of the last, on the output. */
  cuts: z.array(seconds),
  durationS: seconds,
  /** The beats cuts were snapped to (empty without music or snapping). */
  beats: z.array(seconds),
});
export type MontageLayout = z.infer<typeof MontageLayout>;

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
  'montage.render': operation({
    doc: 'Turns the edited montage into a timeline and queues it on the render queue: into a save target (files.pickSave), or as a proxy preview without one. Follow it with render.progress / render.job; cancel with render.cancel.',
    input: z
      .object({ edit: MontageEdit, target: z.object({ id: HandleId }).strict().optional() })
      .strict(),
    output: z.object({ job: RenderJob, layout: MontageLayout }),
  }),
  'montage.preview': operation({
    doc: "One frame of the montage as it will render (the render pipeline's single-frame preview at proxy size): the middle of moment `index`, or of the intro/outro card.",
    input: z
      .object({
        edit: MontageEdit,
        at: z.union([z.literal('intro'), z.literal('outro'), z.number().int().min(0).max(199)]),
      })
      .strict(),
    output: z.object({ image: z.string(), t: seconds }),
  }),
  'montage.thumbnails': operation({
    doc: 'Small JPEG thumbnails (data URLs) of clips at given times, for the moment strip.',
    input: z
      .object({
        frames: z
          .array(z.object({ clipId: HandleId, t: seconds }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    output: z.object({ images: z.array(z.string().nullable()) }),
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
