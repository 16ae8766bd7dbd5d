/**
 * `render.*`: render jobs (queue, progress, cancel, re-run), previews, caption export and the
 * hardware encoders found on this machine.
 */
import { z } from 'zod';
import { PresetId } from '../presets/presets';
import { Timeline } from '../timeline/timeline.schema';
import { event, operation } from './define';
import { FileHandle } from './files.contract';

export const RenderJobStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type RenderJobStatus = z.infer<typeof RenderJobStatus>;

/** Live numbers from ffmpeg's `-progress` output. */
export const RenderProgress = z.object({
  /** 0–100. */
  percent: z.number().min(0).max(100),
  fps: z.number().nullable(),
  /** Multiple of real time. */
  speed: z.number().nullable(),
  /** Estimated seconds left; null until known. */
  etaSeconds: z.number().nullable(),
});
export type RenderProgress = z.infer<typeof RenderProgress>;

export const RenderJob = z.object({
  id: z.string(),
  status: RenderJobStatus,
  /** The output file's name (never a full path: the renderer may be on another machine). */
  outputName: z.string(),
  /** Handle of the output, for files.reveal / download, while this process knows it. */
  outputFileId: z.string().nullable(),
  preset: PresetId.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: RenderProgress.nullable(),
  /** The H.264 encoder used (libx264 or a hardware one). */
  encoder: z.string().nullable(),
  /** Output duration and wall-clock render time, seconds, once done. */
  duration: z.number().nullable(),
  seconds: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The library project rendered (its status follows the job), or null for a timeline render. */
  projectId: z.string().nullable(),
});
export type RenderJob = z.infer<typeof RenderJob>;

const JobRef = z.object({ id: z.string().min(1).max(100) }).strict();

export const EncoderProbe = z.object({
  encoder: z.string(),
  works: z.boolean(),
  reason: z.string().optional(),
});

export const renderOperations = {
  'render.start': operation({
    doc: 'Queues a render of a timeline into a save target (from files.pickSave); returns the job.',
    input: z.object({ timeline: Timeline, target: JobRef, preset: PresetId.optional() }).strict(),
    output: RenderJob,
  }),
  'render.proxy': operation({
    doc: 'Queues a proxy preview (low resolution, fast) of a timeline into a staging file.',
    input: z.object({ timeline: Timeline }).strict(),
    output: RenderJob,
  }),
  'render.frame': operation({
    doc: 'Renders the single frame at t seconds as PNG (only the clips around t): for scrubbing.',
    input: z
      .object({ timeline: Timeline, t: z.number().min(0), preset: PresetId.optional() })
      .strict(),
    output: FileHandle,
  }),
  'render.list': operation({
    doc: 'Every render job, newest first.',
    input: z.object({}).strict(),
    output: z.object({ jobs: z.array(RenderJob) }),
  }),
  'render.get': operation({ doc: 'One render job.', input: JobRef, output: RenderJob }),
  'render.cancel': operation({
    doc: 'Cancels a queued or running job: ffmpeg is stopped and its temp file removed.',
    input: JobRef,
    output: RenderJob,
  }),
  'render.rerun': operation({
    doc: 'Queues a finished, failed or cancelled job again, as a new job.',
    input: JobRef,
    output: RenderJob,
  }),
  'render.captions': operation({
    doc: 'The caption track as an SRT, WebVTT or ASS file text.',
    input: z.object({ timeline: Timeline, format: z.enum(['srt', 'vtt', 'ass']) }).strict(),
    output: z.object({ text: z.string() }),
  }),
  'render.encoders': operation({
    doc: 'Hardware H.264 encoders tried on this machine (by a real trial encode), and the one renders use.',
    input: z.object({}).strict(),
    output: z.object({ encoders: z.array(EncoderProbe), selected: z.string() }),
  }),
};

export const renderEvents = {
  'render.job': event({
    doc: 'A render job was queued, started, finished, failed or was cancelled.',
    payload: RenderJob,
  }),
  'render.progress': event({
    doc: 'Progress of a running render job (a few times per second).',
    payload: RenderProgress.extend({ jobId: z.string() }),
  }),
};
