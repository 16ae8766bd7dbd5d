/**
 * `generate.*`: an idea becomes a ready project (script → segments → images → voice → word
 * timings → captions), resumable after a crash or cancel without paying for finished stages.
 */
import { z } from 'zod';
import { event, operation } from './define';
import { ProjectStatus } from './projects.contract';
import { ProviderKind } from './settings.contract';

/** The stages of the idea → project job, in order. */
export const GENERATION_STAGES = [
  'script',
  'segments',
  'images',
  'voice',
  'timings',
  'captions',
  'ready',
] as const;
export const GenerationStage = z.enum(GENERATION_STAGES);
export type GenerationStage = z.infer<typeof GenerationStage>;

/** `interrupted`: the process running it stopped (crash, quit); resume continues it. */
export const JobState = z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof JobState>;

/** One word and when it is spoken, in seconds from the start of its audio. */
export const WordTiming = z.object({
  word: z.string(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
});
export type WordTiming = z.infer<typeof WordTiming>;

/** A generated file and where it came from (provenance kept for every version). */
export const MediaVersion = z.object({
  /** sha256 of the bytes: the content-addressed media id. */
  mediaId: z.string(),
  path: z.string(),
  provider: z.string(),
  model: z.string(),
  prompt: z.string(),
  seed: z.number().int().nullable(),
  /** Audio only: length in seconds. */
  durationSec: z.number().nonnegative().nullable(),
  createdAt: z.string(),
  /** 1, 2, 3… in the order the versions were made. */
  version: z.number().int().positive(),
  /** Whether this version is the one the segment uses now (restore picks another). */
  active: z.boolean(),
});
export type MediaVersion = z.infer<typeof MediaVersion>;

export const GeneratedSegment = z.object({
  /** The library segment (`segments.*`) this is. */
  id: z.string(),
  index: z.number().int().nonnegative(),
  text: z.string(),
  imagePrompt: z.string(),
  /** The script's planned length; the voice's real length wins once spoken. */
  plannedDurationSec: z.number().positive(),
  /** Every image made for this segment, oldest first; `active` marks the one in use (undo = restore an earlier one). */
  images: z.array(MediaVersion),
  voices: z.array(MediaVersion),
  /** Word timings of the current voice, relative to the segment start; null until timed. */
  words: z.array(WordTiming).nullable(),
});
export type GeneratedSegment = z.infer<typeof GeneratedSegment>;

/** One caption cue on the project's time line (absolute seconds). */
export const CaptionCue = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  words: z.array(WordTiming),
});
export type CaptionCue = z.infer<typeof CaptionCue>;

export const GeneratedProject = z.object({
  /** The library project (`projects.*`) this is. */
  id: z.string(),
  /** The library project's status (draft → generating → ready → rendering → rendered | failed). */
  status: ProjectStatus,
  idea: z.string(),
  title: z.string().nullable(),
  style: z.string(),
  language: z.string(),
  /** This project's narration voice (chosen in the wizard); absent = the settings' voice. */
  voice: z.string().optional(),
  targetDurationSec: z.number().int().positive(),
  segments: z.array(GeneratedSegment),
  captions: z.array(CaptionCue).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GeneratedProject = z.infer<typeof GeneratedProject>;

/** What a job spent, per capability, so users see what a project cost. */
export const ProviderUsage = z.object({
  requests: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  speechCharacters: z.number().int().nonnegative(),
  audioSeconds: z.number().nonnegative(),
});
export type ProviderUsage = z.infer<typeof ProviderUsage>;

export const GenerationJob = z.object({
  id: z.string(),
  projectId: z.string(),
  state: JobState,
  /** The stage running now, or the one that failed. */
  stage: GenerationStage,
  completedStages: z.array(GenerationStage),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  usage: ProviderUsage,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GenerationJob = z.infer<typeof GenerationJob>;

export const GenerateInput = z
  .object({
    idea: z.string().trim().min(3).max(2000),
    durationSec: z.number().int().min(10).max(180).optional(),
    style: z.string().min(1).max(200).optional(),
    /** Use this provider for every capability instead of the settings. */
    provider: ProviderKind.optional(),
    /** Narration language of this project (BCP 47); default: the settings' language. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or pt-BR')
      .optional(),
    /** Voice of this project's narration; default: the settings' voice. */
    voice: z.string().trim().min(1).max(100).optional(),
    /** Brand colours for images, as #rrggbb. */
    brandColors: z
      .array(z.string().regex(/^#[0-9a-fA-F]{6}$/))
      .max(5)
      .optional(),
  })
  .strict();
export type GenerateInput = z.infer<typeof GenerateInput>;

/** How many scenes the script writer is asked for at a target length (the plan costs are based on). */
export function plannedSegments(durationSec: number): number {
  return Math.max(3, Math.round(durationSec / 7));
}

/** What one idea → project run will cost with a provider, before it starts. */
export const GenerationEstimate = z.object({
  provider: ProviderKind,
  /** Scenes planned for the target length. */
  segments: z.number().int().positive(),
  /** Paid calls planned per capability (the cloud times speech with a transcription call). */
  calls: z.object({
    script: z.number().int().nonnegative(),
    image: z.number().int().nonnegative(),
    speech: z.number().int().nonnegative(),
    transcription: z.number().int().nonnegative(),
  }),
  /** Cloud: the credits the plan costs from the price list; null for other providers. */
  credits: z.number().int().nonnegative().nullable(),
  /** Cloud: the account's balance now; null when not signed in (or not cloud). */
  balance: z.number().int().nullable(),
  signedIn: z.boolean(),
  /** Cloud: whether the balance covers the plan; null when it cannot be known or does not apply. */
  enough: z.boolean().nullable(),
  /** The cost in plain words. */
  summary: z.string(),
});
export type GenerationEstimate = z.infer<typeof GenerationEstimate>;

const JobRef = z.object({ jobId: z.string().min(1).max(100) }).strict();
const Started = z.object({ jobId: z.string(), projectId: z.string() });

export const generateOperations = {
  'generate.start': operation({
    doc: 'Starts the idea → project job in the background; progress arrives as generate.progress.',
    input: GenerateInput,
    output: Started,
  }),
  'generate.estimate': operation({
    doc: 'What a run will cost before it starts: cloud credits from the price list and the balance, or free / your API key.',
    input: z
      .object({
        durationSec: z.number().int().min(10).max(180),
        provider: ProviderKind,
      })
      .strict(),
    output: GenerationEstimate,
  }),
  'generate.resume': operation({
    doc: 'Runs a failed or cancelled job again from after its last finished stage.',
    input: JobRef,
    output: Started,
  }),
  'generate.cancel': operation({
    doc: 'Cancels a running job; finished stages stay checkpointed.',
    input: JobRef,
    output: z.object({ cancelled: z.boolean() }),
  }),
  'generate.job': operation({
    doc: 'A job: state, stage, finished stages, error and usage.',
    input: JobRef,
    output: GenerationJob,
  }),
  'generate.project': operation({
    doc: 'A generated project with its segments, every image/voice version and captions.',
    input: z.object({ projectId: z.string().min(1).max(100) }).strict(),
    output: GeneratedProject,
  }),
  'generate.regenerate': operation({
    doc: 'Makes a new image or voice for one segment, keeping the previous versions for undo (voice also re-times words and captions).',
    input: z
      .object({
        projectId: z.string().min(1).max(100),
        segmentIndex: z.number().int().nonnegative(),
        what: z.enum(['image', 'voice']),
        /** A replacement image prompt or narration text; default: the current one. */
        prompt: z.string().min(1).max(4000).optional(),
      })
      .strict(),
    output: GeneratedSegment,
  }),
  'generate.restore': operation({
    doc: 'Makes an earlier image or voice version of a segment the one in use again (undo of regenerate; voice also re-times captions).',
    input: z
      .object({
        projectId: z.string().min(1).max(100),
        segmentIndex: z.number().int().nonnegative(),
        what: z.enum(['image', 'voice']),
        /** The `version` number of the image or voice to use. */
        version: z.number().int().positive(),
      })
      .strict(),
    output: GeneratedSegment,
  }),
};

export const GenerationProgress = z.object({
  jobId: z.string(),
  projectId: z.string(),
  stage: GenerationStage,
  state: z.enum(['started', 'item', 'done', 'skipped', 'failed']),
  /** Per-item progress inside a stage (images, voices): index of the item finished, and how many. */
  item: z.object({ index: z.number().int(), total: z.number().int() }).nullable(),
  message: z.string().nullable(),
});
export type GenerationProgress = z.infer<typeof GenerationProgress>;

export const generateEvents = {
  'generate.progress': event({
    doc: 'A generation stage started, finished an item, finished, was skipped on resume, or failed.',
    payload: GenerationProgress,
  }),
};
