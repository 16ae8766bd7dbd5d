/**
 * Persistence of generated projects and their jobs in the SQLite library.
 *
 * A generated project IS a library project: its segments are library segments, every image and
 * voice made for a segment is a library medium kept as a numbered version
 * (`segment_media_versions`, the active one linked in `segment_media`), captions and voice are
 * layers, and the job with its stage checkpoints is a `jobs` row of type `generate`. So
 * `projects.*` and the editor see generated projects, and `generate.*` sees the editor's edits.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  GENERATION_STAGES,
  GeneratedProject,
  GenerateInput,
  GenerationJob,
  type GeneratedSegment,
  type JobState,
  type MediaVersion,
} from '../../../../shared/contract/generate.contract';
import type { ProjectStatus, Segment } from '../../../../shared/contract/projects.contract';
import { Settings } from '../../../../shared/contract/settings.contract';
import { AppError } from '../../../../shared/errors';
import type { Store } from '../../../store/db/store';
import {
  createJob,
  getJob,
  INTERRUPTED,
  markInterrupted,
  updateJob,
  type JobRecord,
  type JobStatus,
} from '../../../store/jobs/job.repository';
import { listLayers, upsertLayer } from '../../../store/projects/layer.repository';
import { parseJson } from '../../../store/projects/project.mapper';
import { getProject, insertProject } from '../../../store/projects/project.repository';
import { setProjectStatus } from '../../../store/projects/project-status';
import { listSegments } from '../../../store/projects/segment.repository';
import { Script } from '../script.schema';
import { buildCaptions, segmentDuration } from './captions';

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
  /** Inserts or updates a project, its segments, their media versions and its layers. */
  saveProject(project: GeneratedProject): Promise<void>;
  getJob(id: string): Promise<StoredJob | null>;
  /** Inserts or replaces a job with its checkpoints; must be durable when it resolves. */
  saveJob(job: StoredJob): Promise<void>;
  /** Moves the project through its life cycle (the one status setter, `setProjectStatus`). */
  setProjectStatus(projectId: string, status: ProjectStatus): Promise<void>;
}

/** What the generation keeps in the project's settings JSON (`settings.generation`). */
const GenerationSettings = z.object({
  title: z.string().nullable(),
  style: z.string(),
  language: z.string(),
  targetDurationSec: z.number().int().positive(),
  /** The project's own narration voice (the wizard's choice); absent = the settings' voice. */
  voice: z.string().optional(),
});

/** Per-version provenance kept in `segment_media_versions.provenance_json`. */
const VersionProvenance = z.object({
  provider: z.string().default('unknown'),
  model: z.string().default('unknown'),
  prompt: z.string().default(''),
  seed: z.number().int().nullable().default(null),
  durationSec: z.number().nonnegative().nullable().default(null),
});

/** Where the job keeps its stage results (`jobs.checkpoint_json`) and input (`input_json`). */
const JobCheckpoint = StoredJob.pick({
  stage: true,
  completedStages: true,
  usage: true,
  checkpoints: true,
});
const JobInput = StoredJob.pick({ input: true, overrides: true });

/** Motions given to generated segments in turn, so consecutive stills do not move alike. */
const MOTIONS = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left'] as const;
const TITLE_MAX = 200;

const STATUS_OF: Record<JobState, JobStatus> = {
  running: 'running',
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'failed',
};

export class LibraryGenerationRepository implements GenerationRepository {
  constructor(
    private readonly store: Store,
    /** The content store's file of a sha256 (ContentStore.objectPath). */
    private readonly objectPath: (sha256: string) => string,
  ) {}

  getProject(id: string): Promise<GeneratedProject | null> {
    return Promise.resolve(this.store.transaction(() => this.readProject(id)));
  }

  saveProject(project: GeneratedProject): Promise<void> {
    this.store.transaction(() => this.writeProject(project));
    return Promise.resolve();
  }

  getJob(id: string): Promise<StoredJob | null> {
    const row = getJob(this.store, id);
    return Promise.resolve(row && row.type === 'generate' ? toStoredJob(row) : null);
  }

  saveJob(job: StoredJob): Promise<void> {
    const checkpoint = JobCheckpoint.parse(job);
    const fields = {
      status: STATUS_OF[job.state],
      progress: job.completedStages.length / GENERATION_STAGES.length,
      error:
        job.state === 'interrupted'
          ? (job.error ?? { code: INTERRUPTED, message: 'Interrupted.' })
          : job.error,
      checkpoint,
      output: { usage: job.usage },
    };
    const at = Date.parse(job.updatedAt);
    const now = Number.isFinite(at) ? at : Date.now();
    this.store.transaction(() => {
      if (!getJob(this.store, job.id)) {
        createJob(
          this.store,
          {
            id: job.id,
            type: 'generate',
            projectId: job.projectId,
            input: JobInput.parse(job),
            createdAt: Date.parse(job.createdAt) || now,
          },
          now,
        );
      }
      updateJob(this.store, job.id, fields, now);
    });
    return Promise.resolve();
  }

  setProjectStatus(projectId: string, status: ProjectStatus): Promise<void> {
    setProjectStatus(this.store, projectId, status);
    return Promise.resolve();
  }

  /** Marks generation jobs a crash left running as failed (INTERRUPTED) and their projects failed. */
  markInterrupted(): JobRecord[] {
    return this.store.transaction(() => {
      const jobs = markInterrupted(this.store, 'generate');
      for (const job of jobs) {
        if (!job.projectId) continue;
        try {
          const project = getProject(this.store, job.projectId);
          if (project.status === 'generating')
            setProjectStatus(this.store, job.projectId, 'failed');
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        }
      }
      return jobs;
    });
  }

  private readProject(id: string): GeneratedProject | null {
    let project;
    try {
      project = getProject(this.store, id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
    const generation = GenerationSettings.safeParse(project.settings.generation);
    const meta = generation.success
      ? generation.data
      : { title: project.title, style: 'default', language: 'en', targetDurationSec: 60 };
    const segments = listSegments(this.store, id);
    const versions = this.versionsOf(segments);
    const generated: GeneratedSegment[] = segments.map((segment) => {
      const mine = versions.get(segment.id) ?? { visual: [], audio: [] };
      return {
        id: segment.id,
        index: segment.position,
        text: segment.text,
        imagePrompt: segment.imagePrompt,
        plannedDurationSec: segment.durationMs / 1000,
        images: markActive(mine.visual, linkOf(segment, 'visual')),
        voices: markActive(mine.audio, linkOf(segment, 'audio')),
        words:
          segment.wordTimings?.map((w) => ({
            word: w.word,
            start: w.startMs / 1000,
            end: w.endMs / 1000,
          })) ?? null,
      };
    });
    const hasCaptions = listLayers(this.store, id).some((layer) => layer.kind === 'captions');
    return GeneratedProject.parse({
      id,
      status: project.status,
      idea: project.idea,
      title: meta.title,
      style: meta.style,
      language: meta.language,
      ...(meta.voice ? { voice: meta.voice } : {}),
      targetDurationSec: meta.targetDurationSec,
      segments: generated,
      captions: hasCaptions ? buildCaptions(generated) : null,
      createdAt: new Date(project.createdAt).toISOString(),
      updatedAt: new Date(project.updatedAt).toISOString(),
    });
  }

  /** Every version of every segment, per role, in version order (with the medium's file). */
  private versionsOf(
    segments: readonly Segment[],
  ): Map<string, { visual: MediaVersion[]; audio: MediaVersion[] }> {
    const result = new Map<string, { visual: MediaVersion[]; audio: MediaVersion[] }>();
    if (segments.length === 0) return result;
    const rows = this.store.all(
      this.store.db
        .selectFrom('segment_media_versions as v')
        .innerJoin('media as m', 'm.id', 'v.media_id')
        .select([
          'v.segment_id',
          'v.role',
          'v.version',
          'v.media_id',
          'v.provenance_json',
          'v.created_at',
          'm.sha256',
          'm.duration_ms',
        ])
        .where(
          'v.segment_id',
          'in',
          segments.map((s) => s.id),
        )
        .orderBy('v.segment_id')
        .orderBy('v.role')
        .orderBy('v.version'),
    );
    for (const row of rows) {
      const entry = result.get(row.segment_id) ?? { visual: [], audio: [] };
      const provenance = VersionProvenance.parse(parseJson(row.provenance_json, {}));
      const list = row.role === 'audio' ? entry.audio : entry.visual;
      list.push({
        mediaId: row.media_id,
        path: this.objectPath(row.sha256),
        provider: provenance.provider,
        model: provenance.model,
        prompt: provenance.prompt,
        seed: provenance.seed,
        durationSec:
          provenance.durationSec ?? (row.duration_ms === null ? null : row.duration_ms / 1000),
        createdAt: new Date(row.created_at).toISOString(),
        version: row.version,
        active: false,
      });
      result.set(row.segment_id, entry);
    }
    return result;
  }

  private writeProject(project: GeneratedProject): void {
    const store = this.store;
    const now = Date.now();
    const generation = {
      title: project.title,
      style: project.style,
      language: project.language,
      targetDurationSec: project.targetDurationSec,
      ...(project.voice ? { voice: project.voice } : {}),
    };
    const title = (project.title ?? project.idea).slice(0, TITLE_MAX) || 'Untitled';
    const script = project.segments.map((s) => s.text).join('\n\n');
    let existing;
    try {
      existing = getProject(store, project.id, true);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
      existing = null;
    }
    if (!existing) {
      insertProject(
        store,
        {
          fixedId: project.id,
          title,
          idea: project.idea,
          script,
          settings: { generation },
          status: project.status,
        },
        Date.parse(project.createdAt) || now,
      );
    } else {
      store.run(
        store.db
          .updateTable('projects')
          .set((eb) => ({
            title,
            idea: project.idea,
            script,
            settings_json: JSON.stringify({ ...existing.settings, generation }),
            updated_at: now,
            revision: eb('revision', '+', 1),
          }))
          .where('id', '=', project.id),
      );
    }
    for (const segment of project.segments) this.writeSegment(project.id, segment, now);
    if (project.captions !== null) {
      const kinds = new Set(listLayers(store, project.id).map((layer) => layer.kind));
      if (!kinds.has('voice'))
        upsertLayer(store, project.id, {
          kind: 'voice',
          mediaId: null,
          settings: { source: 'segments', volume: 1 },
        });
      if (!kinds.has('captions'))
        upsertLayer(store, project.id, {
          kind: 'captions',
          mediaId: null,
          settings: { style: { maxWordsPerLine: 3, highlight: 'karaoke' } },
        });
    }
  }

  private writeSegment(projectId: string, segment: GeneratedSegment, now: number): void {
    const store = this.store;
    const durationMs = Math.max(100, Math.round(segmentDuration(segment) * 1000));
    const words =
      segment.words === null
        ? null
        : JSON.stringify(
            segment.words.map((w) => ({
              word: w.word.slice(0, 200),
              startMs: Math.max(0, Math.round(w.start * 1000)),
              endMs: Math.max(0, Math.round(Math.max(w.start, w.end) * 1000)),
            })),
          );
    const known = store.first(
      store.db.selectFrom('segments').select('id').where('id', '=', segment.id),
    );
    if (known) {
      store.run(
        store.db
          .updateTable('segments')
          .set({
            text: segment.text,
            image_prompt: segment.imagePrompt,
            duration_ms: durationMs,
            word_timings_json: words,
            updated_at: now,
          })
          .where('id', '=', segment.id),
      );
    } else {
      store.run(
        store.db.insertInto('segments').values({
          id: segment.id,
          project_id: projectId,
          position: segment.index,
          text: segment.text,
          image_prompt: segment.imagePrompt,
          duration_ms: durationMs,
          playback_rate: 1,
          volume: 1,
          motion: MOTIONS[segment.index % MOTIONS.length] ?? 'zoom-in',
          transition: 'fade',
          word_timings_json: words,
          created_at: now,
          updated_at: now,
        }),
      );
    }
    this.writeVersions(segment.id, 'visual', segment.images, now);
    this.writeVersions(segment.id, 'audio', segment.voices, now);
  }

  /** Appends versions not stored yet, and links the active one. */
  private writeVersions(
    segmentId: string,
    role: 'visual' | 'audio',
    versions: readonly MediaVersion[],
    now: number,
  ): void {
    const store = this.store;
    const stored =
      store.first(
        store.db
          .selectFrom('segment_media_versions')
          .select((eb) => eb.fn.max<number | null>('version').as('n'))
          .where('segment_id', '=', segmentId)
          .where('role', '=', role),
      )?.n ?? 0;
    versions.forEach((v, i) => {
      if (i < stored) return;
      store.run(
        store.db.insertInto('segment_media_versions').values({
          segment_id: segmentId,
          role,
          version: i + 1,
          media_id: v.mediaId,
          provenance_json: JSON.stringify({
            provider: v.provider,
            model: v.model,
            prompt: v.prompt,
            seed: v.seed,
            durationSec: v.durationSec,
          }),
          created_at: Date.parse(v.createdAt) || now,
        }),
      );
    });
    const active = versions.find((v) => v.active);
    if (!active) return;
    store.run(
      store.db
        .insertInto('segment_media')
        .values({ segment_id: segmentId, media_id: active.mediaId, role })
        .onConflict((oc) =>
          oc.columns(['segment_id', 'role']).doUpdateSet({ media_id: active.mediaId }),
        ),
    );
  }
}

function linkOf(segment: Segment, role: 'visual' | 'audio'): string | null {
  return segment.media.find((m) => m.role === role)?.mediaId ?? null;
}

/** Marks the newest version using the linked medium as active (none when the editor chose another). */
function markActive(versions: MediaVersion[], linked: string | null): MediaVersion[] {
  const index = versions.findLastIndex((v) => v.mediaId === linked);
  return versions.map((v, i) => ({ ...v, active: i === index }));
}

function toStoredJob(row: JobRecord): StoredJob {
  const checkpoint = JobCheckpoint.parse(row.checkpoint);
  const input = JobInput.parse(row.input);
  let state: JobState;
  switch (row.status) {
    case 'queued':
    case 'running':
      state = 'running';
      break;
    case 'succeeded':
      state = 'completed';
      break;
    case 'cancelled':
      state = 'cancelled';
      break;
    case 'failed':
      state = row.error?.code === INTERRUPTED ? 'interrupted' : 'failed';
      break;
  }
  return {
    id: row.id,
    projectId: row.projectId ?? '',
    state,
    ...checkpoint,
    error: row.error,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    ...input,
  };
}

/** A fresh segment id (library segments are keyed by UUID). */
export function newSegmentId(): string {
  return randomUUID();
}
