/**
 * One-time import of the pre-library generation folder (`<dataDir>/generation/{projects,jobs}`
 * JSON files and their `<dataDir>/media/<ab>/<sha256>.<ext>` files) into the SQLite library.
 *
 * Each project becomes a library project (its images and voices library media, oldest version
 * first, the newest active), each job a `jobs` row (a job that was running is interrupted and
 * resumable). The folder is then renamed `generation.imported` so the import runs once; a project
 * already in the library is skipped, so an import cut short is simply finished at the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  GeneratedProject,
  GeneratedSegment,
  MediaVersion,
} from '../../../../shared/contract/generate.contract';
import type { Logger } from '../../../rpc/router';
import { newSegmentId, StoredJob, type GenerationRepository } from './generation.repository';
import type { MediaStore } from './media.store';

const LegacyVersion = MediaVersion.omit({ version: true, active: true });
const LegacySegment = GeneratedSegment.omit({ id: true }).extend({
  images: z.array(LegacyVersion),
  voices: z.array(LegacyVersion),
});
const LegacyProject = GeneratedProject.omit({ status: true }).extend({
  segments: z.array(LegacySegment),
});
type LegacyVersion = z.infer<typeof LegacyVersion>;

export interface LegacyImportResult {
  projects: number;
  jobs: number;
  /** Files named by a project that were gone (those versions are left out). */
  missingFiles: number;
}

/** Imports `<dataDir>/generation` if present; returns what it did (zeros when nothing to do). */
export async function importLegacyGeneration(
  dataDir: string,
  repo: GenerationRepository,
  media: MediaStore,
  log: Logger,
): Promise<LegacyImportResult> {
  const root = path.join(dataDir, 'generation');
  const result: LegacyImportResult = { projects: 0, jobs: 0, missingFiles: 0 };
  if (!fs.existsSync(root)) return result;
  const jobs = readAll(path.join(root, 'jobs'), StoredJob, log);
  const stateOf = new Map(jobs.map((job) => [job.projectId, job.state]));
  for (const legacy of readAll(path.join(root, 'projects'), LegacyProject, log)) {
    if (await repo.getProject(legacy.id)) continue;
    const segments: GeneratedSegment[] = [];
    for (const segment of legacy.segments) {
      const images = await versions(segment.images, 'png', media, result);
      const voices = await versions(segment.voices, 'wav', media, result);
      segments.push({ ...segment, id: newSegmentId(), images, voices });
    }
    const complete = stateOf.get(legacy.id) === 'completed';
    await repo.saveProject({ ...legacy, status: complete ? 'ready' : 'failed', segments });
    result.projects++;
  }
  for (const job of jobs) {
    if (!(await repo.getProject(job.projectId)) || (await repo.getJob(job.id))) continue;
    await repo.saveJob(job.state === 'running' ? { ...job, state: 'interrupted' } : job);
    result.jobs++;
  }
  fs.renameSync(root, uniqueName(path.join(dataDir, 'generation.imported')));
  log.info(
    `generation: imported ${result.projects} project(s) and ${result.jobs} job(s) from the old generation folder`,
  );
  return result;
}

async function versions(
  legacy: readonly LegacyVersion[],
  extension: 'png' | 'wav',
  media: MediaStore,
  result: LegacyImportResult,
): Promise<MediaVersion[]> {
  const kept: MediaVersion[] = [];
  for (const version of legacy) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(version.path);
    } catch {
      result.missingFiles++;
      continue;
    }
    const stored = await media.put(bytes, extension, {
      provider: version.provider,
      model: version.model,
      prompt: version.prompt,
      seed: version.seed,
    });
    kept.push({ ...version, ...stored, version: kept.length + 1, active: false });
  }
  const last = kept.at(-1);
  if (last) last.active = true;
  return kept;
}

function readAll<T>(dir: string, schema: z.ZodType<T>, log: Logger): T[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const items: T[] = [];
  for (const name of names.sort()) {
    try {
      items.push(schema.parse(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'))));
    } catch (error) {
      log.warn(`generation import: skipped ${name}: ${(error as Error).message.slice(0, 200)}`);
    }
  }
  return items;
}

function uniqueName(base: string): string {
  let candidate = base;
  for (let i = 2; fs.existsSync(candidate); i++) candidate = `${base}-${i}`;
  return candidate;
}
