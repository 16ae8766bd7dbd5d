/**
 * Render jobs: a persisted queue that runs one render at a time by default, pushes progress and
 * status events, cancels (ffmpeg stopped, temp removed), re-runs, and at start marks jobs a
 * crash left running as failed.
 */
import { randomUUID } from 'node:crypto';
import type { RenderJob, RenderProgress } from '../../../shared/contract/render.contract';
import type { PresetId } from '../../../shared/presets';
import { AppError, toErrorPayload } from '../../../shared/errors';
import type { Logger } from '../../rpc/router';
import type { RenderJobStore, StoredRenderJob } from './render-job-store';
import type { RenderService } from './render.service';

export interface RenderQueueEvents {
  job(job: RenderJob): void;
  progress(jobId: string, progress: RenderProgress): void;
  /**
   * A render of a library project starts (`rendering`) or ends (`rendered` or `failed`): the
   * project's status follows. Throwing from `started` fails the job.
   */
  project?(projectId: string, status: 'rendering' | 'rendered' | 'failed'): void;
}

export interface EnqueueRequest {
  timeline: unknown;
  targetPath: string;
  outputName: string;
  outputFileId: string | null;
  preset?: PresetId;
  /** The library project this renders, if any. */
  projectId?: string | null;
}

/** The contract's view of a stored job (no paths, no timeline). */
export function publicJob(job: StoredRenderJob): RenderJob {
  const { timeline: _timeline, targetPath: _targetPath, ...rest } = job;
  return rest;
}

/**
 * How many renders run at once: `REELSMITH_RENDER_JOBS` (1–8) or 1. Each render is one ffmpeg
 * that already uses every core, so more only helps on large machines.
 */
export function renderJobSlots(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.REELSMITH_RENDER_JOBS);
  return Number.isInteger(fromEnv) && fromEnv >= 1 ? Math.min(fromEnv, 8) : 1;
}

/** Progress events are throttled to this interval per job. */
const PROGRESS_INTERVAL_MS = 250;

export class RenderQueue {
  private readonly running = new Map<string, AbortController>();
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly store: RenderJobStore,
    private readonly service: RenderService,
    private readonly events: RenderQueueEvents,
    private readonly log: Logger,
    private readonly concurrency = 1,
  ) {}

  /** Marks jobs left queued or running by a previous process as failed; returns how many. */
  recover(): number {
    let count = 0;
    for (const job of this.store.list()) {
      if (job.status !== 'running' && job.status !== 'queued') continue;
      this.store.put({
        ...job,
        status: 'failed',
        finishedAt: new Date().toISOString(),
        progress: null,
        error: {
          code: 'INTERRUPTED',
          message: `Reelsmith stopped while this render was ${job.status}; run it again.`,
        },
      });
      if (job.projectId) this.projectStatus(job.projectId, 'failed');
      count++;
    }
    return count;
  }

  list(): RenderJob[] {
    return this.store.list().map(publicJob);
  }

  get(id: string): RenderJob {
    return publicJob(this.find(id));
  }

  enqueue(request: EnqueueRequest): RenderJob {
    const job: StoredRenderJob = {
      id: randomUUID(),
      status: 'queued',
      outputName: request.outputName,
      outputFileId: request.outputFileId,
      preset: request.preset ?? null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      progress: null,
      encoder: null,
      duration: null,
      seconds: null,
      error: null,
      timeline: request.timeline,
      targetPath: request.targetPath,
      projectId: request.projectId ?? null,
    };
    this.save(job);
    this.pump();
    return publicJob(job);
  }

  cancel(id: string): RenderJob {
    const job = this.find(id);
    if (job.status === 'queued') {
      return publicJob(
        this.save({ ...job, status: 'cancelled', finishedAt: new Date().toISOString() }),
      );
    }
    this.running.get(id)?.abort();
    return publicJob(job);
  }

  rerun(id: string): RenderJob {
    const job = this.find(id);
    if (job.status === 'queued' || job.status === 'running') {
      throw new AppError('CONFLICT', 'This render is still queued or running.');
    }
    return this.enqueue({
      timeline: job.timeline,
      targetPath: job.targetPath,
      outputName: job.outputName,
      outputFileId: job.outputFileId,
      preset: job.preset ?? undefined,
      projectId: job.projectId,
    });
  }

  /** Resolves when no job is running or queued (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && !this.store.list().some((j) => j.status === 'queued'))
      return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Cancels running jobs and waits for them to stop. */
  async close(): Promise<void> {
    for (const controller of this.running.values()) controller.abort();
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private find(id: string): StoredRenderJob {
    const job = this.store.get(id);
    if (!job) throw new AppError('NOT_FOUND', `No render job ${id}.`);
    return job;
  }

  private save(job: StoredRenderJob): StoredRenderJob {
    this.store.put(job);
    this.events.job(publicJob(job));
    return job;
  }

  private pump(): void {
    while (this.running.size < this.concurrency) {
      const next = this.store
        .list()
        .filter((j) => j.status === 'queued')
        .at(-1); // oldest first
      if (!next) break;
      void this.run(next);
    }
    if (this.running.size === 0) this.idle.splice(0).forEach((resolve) => resolve());
  }

  private async run(queued: StoredRenderJob): Promise<void> {
    const controller = new AbortController();
    this.running.set(queued.id, controller);
    let job = this.save({ ...queued, status: 'running', startedAt: new Date().toISOString() });
    let lastEmit = 0;
    let ok = false;
    // Only a render that moved its project to `rendering` moves it on (a refused start leaves it).
    let movedProject = false;
    try {
      if (job.projectId) {
        this.events.project?.(job.projectId, 'rendering');
        movedProject = true;
      }
      const result = await this.service.render({
        timeline: job.timeline,
        output: job.targetPath,
        preset: job.preset ?? undefined,
        signal: controller.signal,
        onProgress: (p) => {
          const progress = {
            percent: p.percent,
            fps: p.fps,
            speed: p.speed,
            etaSeconds: p.etaSeconds,
          };
          job = { ...job, progress };
          if (Date.now() - lastEmit >= PROGRESS_INTERVAL_MS || p.done) {
            lastEmit = Date.now();
            this.events.progress(job.id, progress);
          }
        },
      });
      job = this.save({
        ...job,
        status: 'done',
        finishedAt: new Date().toISOString(),
        encoder: result.encoder,
        duration: result.duration,
        seconds: result.seconds,
      });
      ok = true;
    } catch (error) {
      const cancelled = error instanceof AppError && error.code === 'CANCELLED';
      if (!(error instanceof AppError)) this.log.error(`render job ${job.id} failed`, error);
      const payload = toErrorPayload(error);
      job = this.save({
        ...job,
        status: cancelled ? 'cancelled' : 'failed',
        finishedAt: new Date().toISOString(),
        error: cancelled ? null : { code: payload.code, message: payload.message },
      });
    } finally {
      if (job.projectId !== null && movedProject)
        this.projectStatus(job.projectId, ok ? 'rendered' : 'failed');
      this.running.delete(queued.id);
      this.pump();
    }
  }

  /** Reports a project's new status; a project deleted meanwhile is only logged. */
  private projectStatus(projectId: string, status: 'rendered' | 'failed'): void {
    try {
      this.events.project?.(projectId, status);
    } catch (error) {
      this.log.warn(`render: project ${projectId} could not become ${status}: ${String(error)}`);
    }
  }
}
