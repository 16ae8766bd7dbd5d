/**
 * Analyses many clips by path: hash, cache lookup, analysis under one CPU budget, and a report
 * per clip (analysed, cached, or skipped with the reason). Used by the montage service, the CLI
 * and the benchmark.
 */
import path from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { AnalysisCache } from './analysis-cache';
import type { ClipAnalysis } from './clip-analysis';
import { analyzeClip, type AnalyzerTools } from './clip-analyzer';
import { CpuBudget } from './cpu-budget';
import type { MediaHasher } from './media-hash';
import { UnusableClipError } from './media-probe';
import { ToolExitError } from './tool-process';

export type ClipOutcome =
  | { status: 'ok'; file: string; hash: string; analysis: ClipAnalysis; cached: boolean }
  | { status: 'skipped'; file: string; reason: string };

/** A clip by path, with its sha256 when the library already knows it. */
export interface BatchClip {
  path: string;
  sha256?: string;
}

export interface BatchOptions {
  /** Concurrent ffmpeg/ffprobe processes (each single-threaded). */
  cpuSlots: number;
  signal?: AbortSignal;
  /** Called after each clip with how many are done. */
  onClipDone?: (done: number, total: number, file: string) => void;
}

export class BatchAnalyzer {
  constructor(
    private readonly tools: AnalyzerTools,
    private readonly hasher: MediaHasher,
    private readonly cache: AnalysisCache | null,
  ) {}

  /**
   * Every clip's outcome, in input order; only cancellation and a missing ffmpeg reject.
   * A clip whose sha256 is already known (library media) is not hashed again.
   */
  async analyze(
    clips: readonly (string | BatchClip)[],
    options: BatchOptions,
  ): Promise<ClipOutcome[]> {
    const budget = new CpuBudget(options.cpuSlots);
    let done = 0;
    return Promise.all(
      clips.map(async (clip) => {
        const { path: file, sha256 } = typeof clip === 'string' ? { path: clip } : clip;
        const outcome = await this.one(file, sha256, budget, options.signal);
        options.onClipDone?.(++done, clips.length, file);
        return outcome;
      }),
    );
  }

  private async one(
    file: string,
    knownHash: string | undefined,
    budget: CpuBudget,
    signal?: AbortSignal,
  ): Promise<ClipOutcome> {
    try {
      const hash = knownHash ?? (await budget.run(() => this.hasher.hash(file, signal)));
      const cached = this.cache?.get(hash);
      if (cached) return { status: 'ok', file, hash, analysis: cached, cached: true };
      const analysis = await analyzeClip(this.tools, file, { budget, signal });
      this.cache?.put(hash, analysis);
      return { status: 'ok', file, hash, analysis, cached: false };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof UnusableClipError || error instanceof ToolExitError) {
        return { status: 'skipped', file, reason: explain(error) };
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { status: 'skipped', file, reason: `${path.basename(file)} was not found` };
      }
      throw error;
    }
  }
}

function explain(error: UnusableClipError | ToolExitError): string {
  if (error instanceof UnusableClipError) return `Unusable clip: ${error.message}`;
  const last = error.stderrTail.trim().split('\n').at(-1) ?? '';
  return `ffmpeg could not decode it${last ? ` (${last.slice(0, 200)})` : ''}`;
}
