/**
 * Jobs: long work (generation, render) persisted in the `jobs` table with its input, progress,
 * checkpoint and output, so a restart can show it, resume it or run it again.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import type { JobRow } from '../db/tables/job.table';
import { parseJson } from '../projects/project.mapper';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type JobType = 'generate' | 'render';

export interface JobError {
  code: string;
  message: string;
}

/** A job row with its JSON columns parsed (still untyped: each job kind validates its own). */
export interface JobRecord {
  id: string;
  type: JobType;
  status: JobStatus;
  projectId: string | null;
  /** 0..1. */
  progress: number;
  error: JobError | null;
  input: unknown;
  output: unknown;
  checkpoint: unknown;
  /** Unix milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** The error code a job gets when the process running it stopped. */
export const INTERRUPTED = 'INTERRUPTED';

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    type: row.type as JobType,
    status: row.status as JobStatus,
    projectId: row.project_id,
    progress: row.progress,
    error: parseJson<JobError | null>(row.error_json, null),
    input: parseJson<unknown>(row.input_json, {}),
    output: parseJson<unknown>(row.output_json, null),
    checkpoint: parseJson<unknown>(row.checkpoint_json, null),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export interface NewJob {
  id?: string;
  type: JobType;
  projectId?: string | null;
  status?: JobStatus;
  input: unknown;
  checkpoint?: unknown;
  createdAt?: number;
}

/** Inserts a job (default status queued); returns it. */
export function createJob(store: Store, job: NewJob, now = Date.now()): JobRecord {
  const id = job.id ?? randomUUID();
  store.run(
    store.db.insertInto('jobs').values({
      id,
      type: job.type,
      status: job.status ?? 'queued',
      project_id: job.projectId ?? null,
      progress: 0,
      error_json: null,
      input_json: JSON.stringify(job.input ?? {}),
      output_json: null,
      checkpoint_json: json(job.checkpoint),
      created_at: job.createdAt ?? now,
      updated_at: now,
    }),
  );
  return requireJob(store, id);
}

/** One job, or undefined. */
export function getJob(store: Store, id: string): JobRecord | undefined {
  const row = store.first(store.db.selectFrom('jobs').selectAll().where('id', '=', id));
  return row ? toJob(row) : undefined;
}

/** One job, or NOT_FOUND. */
export function requireJob(store: Store, id: string): JobRecord {
  const job = getJob(store, id);
  if (!job) throw new AppError('NOT_FOUND', `No job ${id}.`);
  return job;
}

export interface JobPatch {
  status?: JobStatus;
  progress?: number;
  error?: JobError | null;
  checkpoint?: unknown;
  output?: unknown;
  input?: unknown;
}

/** Changes some fields of a job; returns it. */
export function updateJob(store: Store, id: string, patch: JobPatch, now = Date.now()): JobRecord {
  const changed = store.run(
    store.db
      .updateTable('jobs')
      .set({
        updated_at: now,
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.progress !== undefined && {
          progress: Math.min(1, Math.max(0, patch.progress)),
        }),
        ...(patch.error !== undefined && { error_json: json(patch.error) }),
        ...(patch.checkpoint !== undefined && { checkpoint_json: json(patch.checkpoint) }),
        ...(patch.output !== undefined && { output_json: json(patch.output) }),
        ...(patch.input !== undefined && { input_json: JSON.stringify(patch.input ?? {}) }),
      })
      .where('id', '=', id),
  );
  if (changed === 0) throw new AppError('NOT_FOUND', `No job ${id}.`);
  return requireJob(store, id);
}

/** Jobs of a type and/or project, newest first. */
export function listJobs(
  store: Store,
  filter: { type?: JobType; projectId?: string; status?: readonly JobStatus[]; limit?: number },
): JobRecord[] {
  let query = store.db.selectFrom('jobs').selectAll();
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.projectId) query = query.where('project_id', '=', filter.projectId);
  if (filter.status && filter.status.length > 0)
    query = query.where('status', 'in', [...filter.status]);
  return store
    .all(
      query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit ?? 10_000),
    )
    .map(toJob);
}

/**
 * Marks jobs a previous process left queued or running as failed (code INTERRUPTED, a reason
 * naming what they were doing); returns them. Call once at start, while holding the data folder.
 */
export function markInterrupted(store: Store, type?: JobType, now = Date.now()): JobRecord[] {
  return store.transaction(() => {
    const stale = listJobs(store, { type, status: ['queued', 'running'] });
    for (const job of stale) {
      updateJob(
        store,
        job.id,
        {
          status: 'failed',
          error: {
            code: INTERRUPTED,
            message: `Reelsmith stopped while this ${job.type} job was ${job.status}; run it again.`,
          },
        },
        now,
      );
    }
    return stale.map((job) => requireJob(store, job.id));
  });
}
