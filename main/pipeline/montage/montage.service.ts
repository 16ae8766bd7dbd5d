/**
 * `montage.*`: generate a montage proposal from clip handles, the beat grid of a music track,
 * and cancellation. Jobs are keyed by an id the caller may choose, so it can follow
 * `montage.progress` and cancel before the call returns.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  BeatGrid,
  ClipSummary,
  GenerateResult,
  MomentOptions,
  MontagePhase,
} from '../../../shared/contract/montage.contract';
import { AppError } from '../../../shared/errors';
import type { EventBus } from '../../rpc/event-bus';
import { AnalysisCache } from './analysis/analysis-cache';
import { BatchAnalyzer, type ClipOutcome } from './analysis/batch-analyzer';
import type { AnalyzerTools } from './analysis/clip-analyzer';
import { MediaHasher } from './analysis/media-hash';
import { detectBeats } from './beats/beat-detector';
import { planMontage } from './plan/montage-plan';

/** Resolves a clip id (file handle, or `media:<id>` from the library) to its local file. */
export interface ClipFiles {
  get(id: string): { path: string; name: string; sha256?: string };
}

export interface MontageServiceOptions {
  /** ffmpeg and ffprobe as found now (AppInfoService.locateTools). */
  locateTools: () => Promise<AnalyzerTools>;
  files: ClipFiles;
  events: EventBus;
  /** Folder for cached analyses (under the data folder). */
  cacheDir: string;
  /** Concurrent single-threaded ffmpeg processes. */
  cpuSlots: number;
}

export interface GenerateArgs {
  jobId?: string;
  clips: { id: string }[];
  targetDurationS: number;
  music?: { id: string };
  moments: MomentOptions;
}

/** Progress weights of the phases within one generate job. */
const SPAN: Record<Exclude<MontagePhase, 'rendering'>, [number, number]> = {
  analysing: [0, 0.85],
  beats: [0.85, 0.95],
  planning: [0.95, 1],
};

export class MontageService {
  private readonly jobs = new Map<string, AbortController>();
  private readonly hasher = new MediaHasher();
  private readonly cache: AnalysisCache;

  constructor(private readonly options: MontageServiceOptions) {
    this.cache = new AnalysisCache(options.cacheDir);
  }

  /**
   * Analyses the clips (cache first), proposes moments and, with music, the beat grid.
   *
   * Unusable clips are reported as skipped, never fatal: a montage of nine good clips beats an
   * error about the tenth.
   */
  async generate(input: GenerateArgs): Promise<GenerateResult> {
    const jobId = input.jobId ?? randomUUID();
    return this.runJob(jobId, async (signal) => {
      const tools = await this.options.locateTools();
      const entries = input.clips.map((c) => ({ id: c.id, ...this.options.files.get(c.id) }));
      const analyzer = new BatchAnalyzer(tools, this.hasher, this.cache);
      this.progress(jobId, 'analysing', 0);
      const outcomes = await analyzer.analyze(
        entries.map((e) => ({ path: e.path, sha256: e.sha256 })),
        {
          cpuSlots: this.options.cpuSlots,
          signal,
          onClipDone: (done, total, file) =>
            this.progress(jobId, 'analysing', done / total, path.basename(file)),
        },
      );
      let beats: BeatGrid | null = null;
      if (input.music) {
        this.progress(jobId, 'beats', 0);
        const music = this.options.files.get(input.music.id);
        beats = await detectBeats(tools.ffmpeg, music.path, { signal });
      }
      this.progress(jobId, 'planning', 0);
      const analysed = outcomes.flatMap((o, i) =>
        o.status === 'ok' ? [{ clipId: entries[i]?.id ?? '', analysis: o.analysis }] : [],
      );
      const plan = planMontage(analysed, input.targetDurationS, input.moments);
      this.progress(jobId, 'planning', 1);
      return {
        jobId,
        clips: outcomes.map((o, i) => summarize(o, entries[i]?.id ?? '', entries[i]?.name ?? '')),
        moments: plan.chosen,
        alternates: plan.alternates,
        beats,
      };
    });
  }

  /** The tempo and beats of a music file. */
  async beats(musicId: string): Promise<BeatGrid> {
    const tools = await this.options.locateTools();
    return detectBeats(tools.ffmpeg, this.options.files.get(musicId).path);
  }

  /** Cancels a running job; its ffmpeg processes are killed and its call rejects with CANCELLED. */
  cancel(jobId: string): { cancelled: boolean } {
    const controller = this.jobs.get(jobId);
    if (!controller) return { cancelled: false };
    controller.abort();
    return { cancelled: true };
  }

  private async runJob<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.jobs.has(jobId))
      throw new AppError('CONFLICT', `Montage job ${jobId} is already running.`);
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.jobs.delete(jobId);
    }
  }

  private progress(jobId: string, phase: keyof typeof SPAN, within: number, detail?: string): void {
    const [from, to] = SPAN[phase];
    const fraction = Math.min(1, Math.max(0, from + (to - from) * within));
    this.options.events.emit('montage.progress', { jobId, phase, fraction, detail });
  }
}

function summarize(outcome: ClipOutcome, clipId: string, name: string): ClipSummary {
  if (outcome.status === 'skipped')
    return { status: 'skipped', clipId, name, reason: outcome.reason };
  const { analysis } = outcome;
  const lufs = analysis.loudness?.lufs ?? [];
  const hop = analysis.loudness ? Math.max(1, Math.round(0.5 / analysis.loudness.hopS)) : 1;
  return {
    status: 'ok',
    clipId,
    name,
    durationS: analysis.durationS,
    hasAudio: analysis.hasAudio,
    hasVideo: analysis.video !== null,
    width: analysis.video?.width ?? 0,
    height: analysis.video?.height ?? 0,
    loudness: lufs.filter((_, i) => i % hop === 0).map((v) => Math.max(-90, v)),
    cached: outcome.cached,
  };
}
