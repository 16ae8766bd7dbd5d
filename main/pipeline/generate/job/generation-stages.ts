/**
 * What each stage of the idea → project job does. Every stage only does work not already
 * recorded (no script checkpoint, a segment without an image or voice or words), so a rerun after
 * a crash or cancel never pays twice for the same result.
 */
import type {
  GeneratedProject,
  GeneratedSegment,
  GenerationProgress,
  GenerationStage,
  MediaVersion,
} from '../../../../shared/contract/generate.contract';
import type { Settings } from '../../../../shared/contract/settings.contract';
import { BugError } from '../../../../shared/errors';
import { ConcurrencyLimiter } from '../concurrency-limiter';
import type { ProviderSet, UsageSink } from '../providers.types';
import { buildCaptions, currentVersion } from './captions';
import { newSegmentId, type GenerationRepository, type StoredJob } from './generation.repository';
import type { MediaStore } from './media.store';

export const VIDEO_SIZE = { width: 1080, height: 1920 } as const;

export interface StageContext {
  job: StoredJob;
  project: GeneratedProject;
  providers: ProviderSet;
  settings: Settings;
  repo: GenerationRepository;
  media: MediaStore;
  signal: AbortSignal;
  onUsage: UsageSink;
  progress: (
    stage: GenerationStage,
    state: GenerationProgress['state'],
    item?: { index: number; total: number },
  ) => void;
  now: () => string;
}

/** What per-segment work needs (also outside a job run, for regenerate). */
export type SegmentWorkContext = Omit<StageContext, 'job' | 'progress'>;

export async function runStage(stage: GenerationStage, ctx: StageContext): Promise<void> {
  switch (stage) {
    case 'script':
      return scriptStage(ctx);
    case 'segments':
      return segmentsStage(ctx);
    case 'images':
      return forEachSegment(
        ctx,
        'images',
        (s) => s.images.length === 0,
        (s) => makeImage(ctx, s, ctx.job.input.brandColors ?? []),
      );
    case 'voice':
      return forEachSegment(
        ctx,
        'voice',
        (s) => s.voices.length === 0,
        (s) => makeVoice(ctx, s),
        1,
      );
    case 'timings':
      return forEachSegment(
        ctx,
        'timings',
        (s) => s.words === null,
        (s) => timeWords(ctx, s),
        1,
      );
    case 'captions':
      ctx.project.captions = buildCaptions(ctx.project.segments);
      return save(ctx);
    case 'ready':
      return Promise.resolve();
  }
}

async function scriptStage(ctx: StageContext): Promise<void> {
  if (ctx.job.checkpoints.script) return;
  const { idea, style, durationSec } = ctx.job.input;
  const script = await ctx.providers.script.writeScript(
    { idea, style, targetDurationSec: durationSec, language: ctx.project.language },
    { signal: ctx.signal, onUsage: ctx.onUsage },
  );
  ctx.job.checkpoints.script = script;
  ctx.project.title = script.title;
  await save(ctx);
}

async function segmentsStage(ctx: StageContext): Promise<void> {
  const script = ctx.job.checkpoints.script;
  if (!script) throw new BugError('segments stage without a script checkpoint');
  if (ctx.project.segments.length > 0) return;
  ctx.project.segments = script.segments.map((s, index) => ({
    id: newSegmentId(),
    index,
    text: s.text,
    imagePrompt: s.imagePrompt,
    plannedDurationSec: s.duration,
    images: [],
    voices: [],
    words: null,
  }));
  await save(ctx);
}

/** Runs `work` for each segment that `needs` it, `parallel` at a time, saving after each one. */
async function forEachSegment(
  ctx: StageContext,
  stage: GenerationStage,
  needs: (segment: GeneratedSegment) => boolean,
  work: (segment: GeneratedSegment) => Promise<void>,
  parallel = ctx.settings.providerConcurrency,
): Promise<void> {
  const total = ctx.project.segments.length;
  const limiter = new ConcurrencyLimiter(parallel);
  const pending = ctx.project.segments.filter(needs);
  const results = await Promise.allSettled(
    pending.map((segment) =>
      limiter.run(async () => {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        await work(segment);
        await save(ctx);
        ctx.progress(stage, 'item', { index: segment.index, total });
      }),
    ),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Makes a new image version for a segment (also used by per-segment regenerate). */
export async function makeImage(
  ctx: SegmentWorkContext,
  segment: GeneratedSegment,
  brandColors: readonly string[] = [],
): Promise<void> {
  const provider = ctx.providers.image;
  const title = segment.index === 0 ? (ctx.project.title ?? ctx.project.idea) : segment.imagePrompt;
  const result = await provider.makeImage(
    {
      prompt: segment.imagePrompt,
      ...VIDEO_SIZE,
      style: ctx.project.style,
      brandColors,
      title,
    },
    { signal: ctx.signal, onUsage: ctx.onUsage },
  );
  const stored = await ctx.media.put(
    result.png,
    'png',
    {
      provider: provider.name,
      model: provider.model,
      prompt: segment.imagePrompt,
      seed: result.seed,
    },
    ctx.signal,
  );
  segment.images = addVersion(
    segment.images,
    version(ctx, stored, provider, segment.imagePrompt, result.seed, null),
  );
}

/** Makes a new voice version; its words are reset so the timings stage times it again. */
export async function makeVoice(ctx: SegmentWorkContext, segment: GeneratedSegment): Promise<void> {
  const provider = ctx.providers.speech;
  const result = await provider.speak(
    { text: segment.text, voice: ctx.settings.voice, speed: 1, language: ctx.project.language },
    { signal: ctx.signal, onUsage: ctx.onUsage },
  );
  const stored = await ctx.media.put(
    result.wav,
    'wav',
    { provider: provider.name, model: provider.model, prompt: segment.text, seed: null },
    ctx.signal,
  );
  segment.voices = addVersion(
    segment.voices,
    version(ctx, stored, provider, segment.text, null, result.durationSec),
  );
  segment.words = result.words;
}

export async function timeWords(ctx: SegmentWorkContext, segment: GeneratedSegment): Promise<void> {
  const voice = currentVersion(segment.voices);
  if (!voice) throw new BugError(`segment ${segment.index} has no voice to time`);
  segment.words = await ctx.providers.transcription.transcribe(
    {
      wav: await ctx.media.read(voice.path),
      text: segment.text,
      durationSec: voice.durationSec ?? 0,
      language: ctx.project.language,
    },
    { signal: ctx.signal, onUsage: ctx.onUsage },
  );
}

/** Appends a new version and makes it the active one (earlier ones stay for undo). */
function addVersion(
  versions: readonly MediaVersion[],
  next: Omit<MediaVersion, 'version' | 'active'>,
): MediaVersion[] {
  return [
    ...versions.map((v) => ({ ...v, active: false })),
    { ...next, version: versions.length + 1, active: true },
  ];
}

function version(
  ctx: Pick<StageContext, 'now'>,
  stored: { mediaId: string; path: string },
  provider: { name: string; model: string },
  prompt: string,
  seed: number | null,
  durationSec: number | null,
): Omit<MediaVersion, 'version' | 'active'> {
  return {
    ...stored,
    provider: provider.name,
    model: provider.model,
    prompt,
    seed,
    durationSec,
    createdAt: ctx.now(),
  };
}

async function save(ctx: StageContext): Promise<void> {
  ctx.project.updatedAt = ctx.now();
  await ctx.repo.saveProject(ctx.project);
  await ctx.repo.saveJob(ctx.job);
}
