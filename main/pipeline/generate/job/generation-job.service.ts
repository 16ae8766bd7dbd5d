/**
 * The idea → project job: runs the stages in order, checkpoints each one, reports progress,
 * and resumes after the last finished stage when run again (after a crash, a cancel or a
 * failure) without paying twice for what is already done.
 */
import { randomUUID } from 'node:crypto';
import {
  GENERATION_STAGES,
  type GeneratedProject,
  type GeneratedSegment,
  type GenerateInput,
  type GenerationEstimate,
  type GenerationJob,
  type GenerationProgress,
  type ProviderUsage,
} from '../../../../shared/contract/generate.contract';
import type { ProviderKind, Settings } from '../../../../shared/contract/settings.contract';
import { AppError, toErrorPayload } from '../../../../shared/errors';
import type { Logger } from '../../../rpc/router';
import { allOn, type ProviderFactory, type ProviderOverrides } from '../provider-factory';
import { buildCaptions, currentVersion } from './captions';
import type { GenerationRepository, StoredJob } from './generation.repository';
import { makeImage, makeVoice, runStage, timeWords, type StageContext } from './generation-stages';
import type { MediaStore } from './media.store';

export interface GenerationJobDeps {
  repo: GenerationRepository;
  media: MediaStore;
  providers: ProviderFactory;
  settings: () => Settings;
  emit: (progress: GenerationProgress) => void;
  log: Logger;
  now?: () => string;
  /** Work that must finish before any job or project is read (the one-time legacy import). */
  ready?: Promise<unknown>;
  /**
   * Refuses a run its paid providers cannot afford (cloud credits) before anything is made;
   * given the job's provider overrides and target length.
   */
  costCheck?: (overrides: ProviderOverrides, durationSec: number) => Promise<void>;
  /** What a run would cost (`generate.estimate`); absent = this process cannot say. */
  estimate?: (input: EstimateInput) => Promise<GenerationEstimate>;
}

type EstimateInput = { provider: ProviderKind; durationSec: number };

const EMPTY_USAGE: ProviderUsage = {
  requests: 0,
  promptTokens: 0,
  completionTokens: 0,
  images: 0,
  speechCharacters: 0,
  audioSeconds: 0,
};

export class GenerationJobService {
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<GenerationJob> }
  >();
  private readonly now: () => string;

  constructor(private readonly deps: GenerationJobDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
  }

  /** Creates a project and its job and starts running it in the background. */
  async start(
    input: GenerateInput,
    overrides: ProviderOverrides = {},
  ): Promise<{ jobId: string; projectId: string }> {
    await this.deps.ready;
    const settings = this.deps.settings();
    const jobOverrides = { ...overrides, ...(input.provider ? allOn(input.provider) : {}) };
    const durationSec = input.durationSec ?? settings.defaultDurationSec;
    await this.deps.costCheck?.(jobOverrides, durationSec);
    const now = this.now();
    const project: GeneratedProject = {
      id: randomUUID(),
      status: 'draft',
      idea: input.idea,
      title: null,
      style: input.style ?? settings.defaultStyle,
      // Language and voice are this project's (the wizard's choice), not a change of settings.
      language: input.language ?? settings.language,
      ...(input.voice ? { voice: input.voice } : {}),
      targetDurationSec: durationSec,
      segments: [],
      captions: null,
      createdAt: now,
      updatedAt: now,
    };
    const job: StoredJob = {
      id: randomUUID(),
      projectId: project.id,
      state: 'running',
      stage: 'script',
      completedStages: [],
      error: null,
      usage: { ...EMPTY_USAGE },
      createdAt: now,
      updatedAt: now,
      input: { ...input, style: project.style, durationSec: project.targetDurationSec },
      checkpoints: {},
      overrides: jobOverrides,
    };
    await this.deps.repo.saveProject(project);
    await this.deps.repo.saveJob(job);
    await this.deps.repo.setProjectStatus(project.id, 'generating');
    this.launch(job, project);
    return { jobId: job.id, projectId: project.id };
  }

  /** Runs a failed, cancelled or interrupted job again from after its last finished stage. */
  async resume(jobId: string): Promise<{ jobId: string; projectId: string }> {
    await this.deps.ready;
    if (this.running.has(jobId)) throw new AppError('CONFLICT', 'This job is already running.');
    const job = await this.loadJob(jobId);
    if (job.state === 'completed') return { jobId, projectId: job.projectId };
    const project = await this.getProject(job.projectId);
    await this.deps.repo.setProjectStatus(project.id, 'generating');
    job.state = 'running';
    job.error = null;
    await this.deps.repo.saveJob(job);
    this.launch(job, project);
    return { jobId, projectId: job.projectId };
  }

  /** What a run with this provider and length will cost, before it starts. */
  async estimate(input: EstimateInput): Promise<GenerationEstimate> {
    if (!this.deps.estimate)
      throw new AppError('UNSUPPORTED', 'Cost estimates are not available in this process.');
    return this.deps.estimate(input);
  }

  /** Resolves when the job stops (completed, failed or cancelled). */
  async wait(jobId: string): Promise<GenerationJob> {
    return this.running.get(jobId)?.done ?? this.getJob(jobId);
  }

  cancel(jobId: string): { cancelled: boolean } {
    const run = this.running.get(jobId);
    run?.controller.abort(new AppError('CANCELLED', 'Cancelled.'));
    return { cancelled: run !== undefined };
  }

  /** Cancels every running job and waits for them to stop (before the data folder is released). */
  async close(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs)
      run.controller.abort(new AppError('CANCELLED', 'Reelsmith is closing.'));
    await Promise.allSettled(runs.map((run) => run.done));
  }

  async getJob(jobId: string): Promise<GenerationJob> {
    await this.deps.ready;
    const {
      input: _input,
      checkpoints: _checkpoints,
      overrides: _o,
      ...view
    } = await this.loadJob(jobId);
    // One process owns the data folder: a job stored as running but not running here was cut off.
    if (view.state === 'running' && !this.running.has(jobId)) view.state = 'interrupted';
    return view;
  }

  async getProject(projectId: string): Promise<GeneratedProject> {
    await this.deps.ready;
    const project = await this.deps.repo.getProject(projectId);
    if (!project) throw new AppError('NOT_FOUND', `No generated project ${projectId}.`);
    return project;
  }

  /** A new image or voice for one segment; earlier versions stay in the segment for undo. */
  async regenerate(request: {
    projectId: string;
    segmentIndex: number;
    what: 'image' | 'voice';
    prompt?: string;
  }): Promise<GeneratedSegment> {
    return this.changeSegment(request.projectId, request.segmentIndex, async (project, segment) => {
      const ctx = await this.context(project, new AbortController().signal, () => undefined);
      if (request.what === 'image') {
        if (request.prompt) segment.imagePrompt = request.prompt;
        await makeImage(ctx, segment);
      } else {
        if (request.prompt) segment.text = request.prompt;
        await makeVoice(ctx, segment);
        if (segment.words === null) await timeWords(ctx, segment);
      }
    });
  }

  /** Makes an earlier image or voice version the one in use again (undo of regenerate). */
  async restore(request: {
    projectId: string;
    segmentIndex: number;
    what: 'image' | 'voice';
    version: number;
  }): Promise<GeneratedSegment> {
    return this.changeSegment(request.projectId, request.segmentIndex, async (project, segment) => {
      const versions = request.what === 'image' ? segment.images : segment.voices;
      const chosen = versions.find((v) => v.version === request.version);
      if (!chosen) {
        throw new AppError(
          'NOT_FOUND',
          `version: segment ${request.segmentIndex} has no ${request.what} version ${request.version} (it has ${versions.length}).`,
        );
      }
      const restored = versions.map((v) => ({ ...v, active: v === chosen }));
      if (request.what === 'image') {
        segment.images = restored;
        return;
      }
      segment.voices = restored;
      // The words belong to the voice: time the restored one again (offline: no network).
      const ctx = await this.context(project, new AbortController().signal, () => undefined);
      segment.words = null;
      await timeWords(ctx, segment);
    });
  }

  /**
   * Runs one change to one segment of a project that is not generating nor rendering, with the
   * project in `generating` meanwhile, and saves it (captions re-timed).
   */
  private async changeSegment(
    projectId: string,
    segmentIndex: number,
    change: (project: GeneratedProject, segment: GeneratedSegment) => Promise<void>,
  ): Promise<GeneratedSegment> {
    const project = await this.getProject(projectId);
    const segment = project.segments[segmentIndex];
    if (!segment) throw new AppError('NOT_FOUND', `Segment ${segmentIndex} does not exist.`);
    if (project.status === 'generating' || project.status === 'rendering') {
      throw new AppError(
        'CONFLICT',
        `The project is ${project.status}; wait until it finishes, then try again.`,
      );
    }
    await this.deps.repo.setProjectStatus(projectId, 'generating');
    try {
      await change(project, segment);
      if (project.captions !== null) project.captions = buildCaptions(project.segments);
      project.updatedAt = this.now();
      await this.deps.repo.saveProject(project);
    } finally {
      const wasUsable = project.status !== 'draft' && project.status !== 'failed';
      const complete = project.segments.every(
        (s) => currentVersion(s.images) && currentVersion(s.voices),
      );
      await this.deps.repo.setProjectStatus(projectId, wasUsable || complete ? 'ready' : 'failed');
    }
    return segment;
  }

  private launch(job: StoredJob, project: GeneratedProject): void {
    const controller = new AbortController();
    const done = this.run(job, project, controller.signal).finally(() =>
      this.running.delete(job.id),
    );
    this.running.set(job.id, { controller, done });
  }

  private async run(
    job: StoredJob,
    project: GeneratedProject,
    signal: AbortSignal,
  ): Promise<GenerationJob> {
    const progress = (
      stage: GenerationProgress['stage'],
      state: GenerationProgress['state'],
      item?: { index: number; total: number },
      message?: string,
    ) =>
      this.deps.emit({
        jobId: job.id,
        projectId: project.id,
        stage,
        state,
        item: item ?? null,
        message: message ?? null,
      });
    const onUsage = (usage: Partial<ProviderUsage>) => {
      for (const [key, value] of Object.entries(usage) as [keyof ProviderUsage, number][])
        job.usage[key] += value;
    };
    try {
      const ctx: StageContext = {
        ...(await this.context(project, signal, onUsage, job.overrides)),
        job,
        progress,
      };
      for (const stage of GENERATION_STAGES) {
        if (job.completedStages.includes(stage)) {
          progress(stage, 'skipped');
          continue;
        }
        if (signal.aborted) throw signal.reason;
        job.stage = stage;
        progress(stage, 'started');
        await runStage(stage, ctx);
        job.completedStages.push(stage);
        job.updatedAt = this.now();
        await this.deps.repo.saveJob(job);
        progress(stage, 'done');
      }
      job.state = 'completed';
      await this.deps.repo.setProjectStatus(project.id, 'ready');
    } catch (error) {
      const payload = toErrorPayload(error);
      const cancelled = payload.code === 'CANCELLED';
      if (!(error instanceof AppError))
        this.deps.log.error(`generation job ${job.id} failed`, error);
      job.state = cancelled ? 'cancelled' : 'failed';
      job.error = { code: payload.code, message: payload.message };
      progress(job.stage, 'failed', undefined, payload.message);
      await this.deps.repo.setProjectStatus(project.id, 'failed').catch((e: unknown) => {
        this.deps.log.error(`generation job ${job.id}: could not mark the project failed`, e);
      });
    }
    job.updatedAt = this.now();
    await this.deps.repo.saveJob(job);
    return this.getJob(job.id);
  }

  private async context(
    project: GeneratedProject,
    signal: AbortSignal,
    onUsage: StageContext['onUsage'],
    overrides: ProviderOverrides = {},
  ): Promise<Omit<StageContext, 'job' | 'progress'>> {
    const settings = this.deps.settings();
    return {
      project,
      providers: await this.deps.providers(overrides),
      // The project's own voice (the wizard's choice) wins over the settings', regenerations too.
      settings: project.voice ? { ...settings, voice: project.voice } : settings,
      repo: this.deps.repo,
      media: this.deps.media,
      signal,
      onUsage,
      now: this.now,
    };
  }

  private async loadJob(jobId: string): Promise<StoredJob> {
    const job = await this.deps.repo.getJob(jobId);
    if (!job) throw new AppError('NOT_FOUND', `No generation job ${jobId}.`);
    return job;
  }
}
