/**
 * Persistence of generated projects and their jobs, behind an interface so the job does not
 * care where checkpoints live.
 *
 * STOPGAP: `JsonGenerationRepository` keeps one JSON file per project and per job in the data
 * folder until the SQLite library (projects, segments, media, jobs tables) lands on main; the
 * job service only sees this interface, so swapping it is local to services.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  GeneratedProject,
  GenerateInput,
  GenerationJob,
} from '../../../../shared/contract/generate.contract';
import { Settings } from '../../../../shared/contract/settings.contract';
import { AppError } from '../../../../shared/errors';
import { writeFileAtomicSync } from '../../../util/atomic-write';
import { Script } from '../script.schema';

/** A job as stored: the public view plus what a rerun needs (its input and stage results). */
export const StoredJob = GenerationJob.extend({
  input: GenerateInput.extend({ durationSec: z.number().int(), style: z.string() }),
  checkpoints: z.object({ script: Script.optional() }),
  /** One-off provider settings of this job (CLI flags), kept so a resume uses the same ones. */
  overrides: Settings.pick({
    scriptProvider: true,
    imageProvider: true,
    speechProvider: true,
    transcriptionProvider: true,
    openaiBaseUrl: true,
    scriptModel: true,
  })
    .partial()
    .default({}),
});
export type StoredJob = z.infer<typeof StoredJob>;

export interface GenerationRepository {
  getProject(id: string): Promise<GeneratedProject | null>;
  /** Inserts or replaces a project (segments and their media versions included). */
  saveProject(project: GeneratedProject): Promise<void>;
  getJob(id: string): Promise<StoredJob | null>;
  /** Inserts or replaces a job with its checkpoints; must be durable when it resolves. */
  saveJob(job: StoredJob): Promise<void>;
}

/** STOPGAP until the SQLite store: `<dataDir>/generation/{projects,jobs}/<id>.json`, written atomically. */
export class JsonGenerationRepository implements GenerationRepository {
  private readonly projects: string;
  private readonly jobs: string;

  constructor(dataDir: string) {
    this.projects = path.join(dataDir, 'generation', 'projects');
    this.jobs = path.join(dataDir, 'generation', 'jobs');
    fs.mkdirSync(this.projects, { recursive: true });
    fs.mkdirSync(this.jobs, { recursive: true });
  }

  getProject(id: string): Promise<GeneratedProject | null> {
    return Promise.resolve(this.read(this.projects, id, GeneratedProject));
  }

  saveProject(project: GeneratedProject): Promise<void> {
    this.write(this.projects, project.id, project);
    return Promise.resolve();
  }

  getJob(id: string): Promise<StoredJob | null> {
    return Promise.resolve(this.read(this.jobs, id, StoredJob));
  }

  saveJob(job: StoredJob): Promise<void> {
    this.write(this.jobs, job.id, job);
    return Promise.resolve();
  }

  private file(dir: string, id: string): string {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(id)) throw new AppError('VALIDATION', `Invalid id: ${id}`);
    return path.join(dir, `${id}.json`);
  }

  private read<T>(dir: string, id: string, schema: z.ZodType<T>): T | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file(dir, id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return schema.parse(JSON.parse(text));
  }

  private write(dir: string, id: string, value: unknown): void {
    writeFileAtomicSync(this.file(dir, id), JSON.stringify(value, null, 1));
  }
}
