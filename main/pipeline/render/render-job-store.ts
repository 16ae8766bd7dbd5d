/**
 * Where render jobs are kept: the library's `jobs` table (type `render`). The timeline, output
 * path and preset are the job's input; encoder, duration and times its output; live progress
 * its progress column, so a restart lists every render and can re-run any of them.
 */
import { z } from 'zod';
import { RenderJob, type RenderJobStatus } from '../../../shared/contract/render.contract';
import { PresetId } from '../../../shared/presets';
import type { Store } from '../../store/db/store';
import {
  createJob,
  getJob,
  listJobs,
  updateJob,
  type JobRecord,
  type JobStatus,
} from '../../store/jobs/job.repository';

/** A job as stored: what the contract shows plus what a re-run needs. */
export interface StoredRenderJob extends RenderJob {
  /** The timeline as given (validated again on every run). */
  timeline: unknown;
  /** Absolute output path. */
  targetPath: string;
}

export interface RenderJobStore {
  /** Every job, newest first. */
  list(): StoredRenderJob[];
  get(id: string): StoredRenderJob | undefined;
  /** Inserts or replaces a job by id. */
  put(job: StoredRenderJob): void;
}

const RenderInput = z.object({
  timeline: z.unknown(),
  targetPath: z.string(),
  outputName: z.string(),
  outputFileId: z.string().nullable(),
  preset: PresetId.nullable(),
});
const RenderOutput = RenderJob.pick({
  startedAt: true,
  finishedAt: true,
  progress: true,
  encoder: true,
  duration: true,
  seconds: true,
});

const TO_ROW: Record<RenderJobStatus, JobStatus> = {
  queued: 'queued',
  running: 'running',
  done: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};
const FROM_ROW: Record<JobStatus, RenderJobStatus> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

export class LibraryRenderJobStore implements RenderJobStore {
  constructor(private readonly store: Store) {}

  list(): StoredRenderJob[] {
    return listJobs(this.store, { type: 'render' }).map(toStored);
  }

  get(id: string): StoredRenderJob | undefined {
    const row = getJob(this.store, id);
    return row && row.type === 'render' ? toStored(row) : undefined;
  }

  put(job: StoredRenderJob): void {
    const output: z.infer<typeof RenderOutput> = {
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      progress: job.progress,
      encoder: job.encoder,
      duration: job.duration,
      seconds: job.seconds,
    };
    this.store.transaction(() => {
      if (!getJob(this.store, job.id)) {
        const input: z.infer<typeof RenderInput> = {
          timeline: job.timeline,
          targetPath: job.targetPath,
          outputName: job.outputName,
          outputFileId: job.outputFileId,
          preset: job.preset,
        };
        createJob(this.store, {
          id: job.id,
          type: 'render',
          projectId: job.projectId,
          input,
          createdAt: Date.parse(job.createdAt) || Date.now(),
        });
      }
      updateJob(this.store, job.id, {
        status: TO_ROW[job.status],
        progress: (job.progress?.percent ?? (job.status === 'done' ? 100 : 0)) / 100,
        error: job.error,
        output,
      });
    });
  }
}

function toStored(row: JobRecord): StoredRenderJob {
  const input = RenderInput.parse(row.input);
  const output = RenderOutput.partial().parse(row.output ?? {});
  return {
    id: row.id,
    status: FROM_ROW[row.status],
    outputName: input.outputName,
    outputFileId: input.outputFileId,
    preset: input.preset,
    createdAt: new Date(row.createdAt).toISOString(),
    startedAt: output.startedAt ?? null,
    finishedAt: output.finishedAt ?? null,
    progress: output.progress ?? null,
    encoder: output.encoder ?? null,
    duration: output.duration ?? null,
    seconds: output.seconds ?? null,
    error: row.error,
    timeline: input.timeline,
    targetPath: input.targetPath,
    projectId: row.projectId,
  };
}
