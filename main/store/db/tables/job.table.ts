/**
 * `jobs`: long work (generation, render, export) that survives a restart via checkpoints.
 */
import type { Selectable } from 'kysely';

export interface JobTable {
  id: string;
  type: string;
  status: string;
  project_id: string | null;
  /** 0..1. */
  progress: number;
  error_json: string | null;
  input_json: string;
  output_json: string | null;
  /** JSON: where to resume (e.g. segments already generated). */
  checkpoint_json: string | null;
  created_at: number;
  updated_at: number;
}

export type JobRow = Selectable<JobTable>;
