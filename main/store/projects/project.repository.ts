/**
 * Projects: list/search/page, get, create, update, soft delete, restore, purge.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  PlatformPreset,
  Project,
  ProjectFormat,
  ProjectListInput,
  ProjectPatch,
} from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import type { ProjectRowUpdate } from '../db/tables/project.table';
import { toProject } from './project.mapper';

/** How long a trashed project can be restored. */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export const DEFAULT_FORMAT: ProjectFormat = { width: 1080, height: 1920, fps: 30 };

/** `%` and `_` in a user's search are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function projectsQuery(store: Store) {
  return store.db
    .selectFrom('projects')
    .selectAll('projects')
    .select((eb) =>
      eb
        .selectFrom('segments')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('segments.project_id', '=', 'projects.id')
        .as('segment_count'),
    );
}

/** A page of projects and the total matching. */
export function listProjects(
  store: Store,
  input: ProjectListInput,
): { items: Project[]; total: number } {
  let query = projectsQuery(store).where('deleted_at', input.trash ? 'is not' : 'is', null);
  let count = store.db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', input.trash ? 'is not' : 'is', null);
  const words = (input.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    const pattern = likePattern(word);
    const match = sql<boolean>`(title like ${pattern} escape '\\' or idea like ${pattern} escape '\\' or script like ${pattern} escape '\\')`;
    query = query.where(match);
    count = count.where(match);
  }
  const dir = input.direction;
  const ordered =
    input.sort === 'title'
      ? query.orderBy(sql`title collate nocase`, dir)
      : query.orderBy(input.sort === 'created' ? 'created_at' : 'updated_at', dir);
  const rows = store.all(ordered.orderBy('id', dir).limit(input.limit).offset(input.offset));
  return { items: rows.map(toProject), total: store.first(count)?.n ?? 0 };
}

/** One project (trashed ones only with `includeDeleted`), or NOT_FOUND. */
export function getProject(store: Store, id: string, includeDeleted = false): Project {
  const row = store.first(projectsQuery(store).where('id', '=', id));
  if (!row || (row.deleted_at !== null && !includeDeleted)) {
    throw new AppError('NOT_FOUND', `No such project: ${id}`);
  }
  return toProject(row);
}

export interface NewProject {
  /** The id to use; default a new UUID (generation decides it before the project exists). */
  fixedId?: string;
  title: string;
  idea?: string;
  script?: string;
  platform?: PlatformPreset;
  format?: ProjectFormat;
  brandKitId?: string | null;
  settings?: Record<string, unknown>;
  lineage?: Project['lineage'];
  status?: Project['status'];
}

/** Inserts a project; returns its id. */
export function insertProject(store: Store, input: NewProject, now = Date.now()): string {
  const id = input.fixedId ?? randomUUID();
  const format = input.format ?? DEFAULT_FORMAT;
  store.run(
    store.db.insertInto('projects').values({
      id,
      title: input.title,
      idea: input.idea ?? '',
      script: input.script ?? '',
      status: input.status ?? 'draft',
      width: format.width,
      height: format.height,
      fps: format.fps,
      platform: input.platform ?? 'tiktok',
      brand_kit_id: input.brandKitId ?? null,
      settings_json: JSON.stringify(input.settings ?? {}),
      lineage_json: input.lineage ? JSON.stringify(input.lineage) : null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    }),
  );
  return id;
}

/** Marks a live project changed (segment edits count as project edits). */
export function touchProject(store: Store, id: string, now = Date.now()): void {
  const changed = store.run(
    store.db
      .updateTable('projects')
      .set((eb) => ({ updated_at: now, revision: eb('revision', '+', 1) }))
      .where('id', '=', id)
      .where('deleted_at', 'is', null),
  );
  if (changed === 0) throw new AppError('NOT_FOUND', `No such project: ${id}`);
}

/** Applies a patch; with `expectedRevision`, refuses (CONFLICT) a project changed meanwhile. */
export function updateProject(
  store: Store,
  id: string,
  patch: ProjectPatch,
  expectedRevision?: number,
  now = Date.now(),
): void {
  const values: ProjectRowUpdate = { updated_at: now };
  if (patch.title !== undefined) values.title = patch.title;
  if (patch.idea !== undefined) values.idea = patch.idea;
  if (patch.script !== undefined) values.script = patch.script;
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.platform !== undefined) values.platform = patch.platform;
  if (patch.brandKitId !== undefined) values.brand_kit_id = patch.brandKitId;
  if (patch.settings !== undefined) values.settings_json = JSON.stringify(patch.settings);
  if (patch.format !== undefined) {
    values.width = patch.format.width;
    values.height = patch.format.height;
    values.fps = patch.format.fps;
  }
  let query = store.db
    .updateTable('projects')
    .set((eb) => ({ ...values, revision: eb('revision', '+', 1) }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (expectedRevision !== undefined) query = query.where('revision', '=', expectedRevision);
  if (store.run(query) === 0) {
    const current = getProject(store, id);
    throw new AppError(
      'CONFLICT',
      `The project "${current.title}" was changed elsewhere (revision ${current.revision}, you had ${expectedRevision}). Reload it and try again.`,
      { details: { revision: current.revision } },
    );
  }
}

/** Moves a project to the trash. */
export function trashProject(store: Store, id: string, now = Date.now()): number {
  const changed = store.run(
    store.db
      .updateTable('projects')
      .set((eb) => ({ deleted_at: now, revision: eb('revision', '+', 1) }))
      .where('id', '=', id)
      .where('deleted_at', 'is', null),
  );
  if (changed === 0) throw new AppError('NOT_FOUND', `No such project: ${id}`);
  return now;
}

/** Brings a trashed project back. */
export function restoreProject(store: Store, id: string, now = Date.now()): void {
  const changed = store.run(
    store.db
      .updateTable('projects')
      .set((eb) => ({ deleted_at: null, updated_at: now, revision: eb('revision', '+', 1) }))
      .where('id', '=', id)
      .where('deleted_at', 'is not', null),
  );
  if (changed === 0) throw new AppError('NOT_FOUND', `No trashed project ${id} to restore.`);
}

/** Deletes projects trashed longer than the retention; segments and layers cascade. */
export function purgeExpiredProjects(store: Store, now = Date.now()): number {
  return store.run(
    store.db.deleteFrom('projects').where('deleted_at', '<', now - TRASH_RETENTION_MS),
  );
}
