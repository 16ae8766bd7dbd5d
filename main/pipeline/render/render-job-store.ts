/**
 * Where render jobs are kept. `RenderJobStore` is the seam for the library's `jobs` table;
 * `JsonRenderJobStore` is the stopgap: one JSON file in the data folder, written atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RenderJob } from '../../../shared/contract/render.contract';
import { writeFileAtomicSync } from '../../util/atomic-write';

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

/** How many finished jobs the JSON file keeps (the library table keeps them all). */
const KEEP = 200;

export class JsonRenderJobStore implements RenderJobStore {
  private readonly file: string;
  private jobs: StoredRenderJob[];

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'render-jobs.json');
    this.jobs = this.read();
  }

  private read(): StoredRenderJob[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? (parsed as StoredRenderJob[]) : [];
    } catch {
      // Missing or unreadable: start empty rather than refuse to render.
      return [];
    }
  }

  list(): StoredRenderJob[] {
    return [...this.jobs];
  }

  get(id: string): StoredRenderJob | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  put(job: StoredRenderJob): void {
    const others = this.jobs.filter((j) => j.id !== job.id);
    this.jobs = [job, ...others]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, KEEP);
    writeFileAtomicSync(this.file, JSON.stringify(this.jobs));
  }
}
