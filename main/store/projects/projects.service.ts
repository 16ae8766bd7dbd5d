/**
 * `projects.*` and `segments.*`: each operation is one transaction over the repositories.
 */
import type {
  Project,
  ProjectDetail,
  ProjectListInput,
  ProjectPatch,
  Segment,
  SegmentPatch,
} from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import { listLayers, upsertLayer } from './layer.repository';
import {
  getProject,
  insertProject,
  listProjects,
  purgeExpiredProjects,
  restoreProject,
  touchProject,
  trashProject,
  TRASH_RETENTION_MS,
  updateProject,
  type NewProject,
} from './project.repository';
import {
  deleteSegment,
  getSegment,
  insertSegment,
  listSegments,
  reorderSegments,
  updateSegment,
} from './segment.repository';

export class ProjectsService {
  constructor(private readonly store: Store) {}

  /** A page of live (or trashed) projects. */
  list(input: ProjectListInput): { items: Project[]; total: number } {
    return listProjects(this.store, input);
  }

  /** A project with its ordered segments and its layers. */
  get(id: string): ProjectDetail {
    const store = this.store;
    return store.transaction(() => ({
      ...getProject(store, id),
      segments: listSegments(store, id),
      layers: listLayers(store, id),
    }));
  }

  /** A new draft project. */
  create(input: NewProject): Project {
    return this.store.transaction(() => {
      if (input.brandKitId) this.requireBrandKit(input.brandKitId);
      return getProject(this.store, insertProject(this.store, input));
    });
  }

  /** Applies a patch (optimistic concurrency with `expectedRevision`). */
  update(id: string, patch: ProjectPatch, expectedRevision?: number): Project {
    return this.store.transaction(() => {
      if (patch.brandKitId) this.requireBrandKit(patch.brandKitId);
      updateProject(this.store, id, patch, expectedRevision);
      return getProject(this.store, id);
    });
  }

  /** Copies a project with its segments, media links and layers; media are shared. */
  duplicate(id: string, title?: string): Project {
    const store = this.store;
    return store.transaction(() => {
      const source = this.get(id);
      const copyId = insertProject(store, {
        ...source,
        title: title ?? `${source.title} (copy)`,
        lineage: {
          kind: 'duplicate',
          sourceProjectId: source.id,
          sourceTitle: source.title,
          at: Date.now(),
        },
      });
      for (const segment of source.segments) insertSegment(store, copyId, segment);
      for (const layer of source.layers) upsertLayer(store, copyId, layer);
      return getProject(store, copyId);
    });
  }

  /** Moves a project to the trash for 30 days. */
  delete(id: string): { id: string; deletedAt: number; purgeAfter: number } {
    const deletedAt = this.store.transaction(() => trashProject(this.store, id));
    return { id, deletedAt, purgeAfter: deletedAt + TRASH_RETENTION_MS };
  }

  /** Brings a trashed project back. */
  restore(id: string): Project {
    return this.store.transaction(() => {
      restoreProject(this.store, id);
      return getProject(this.store, id);
    });
  }

  /** Purges projects trashed more than 30 days ago. */
  purgeExpired(now = Date.now()): number {
    return this.store.transaction(() => purgeExpiredProjects(this.store, now));
  }

  /** Adds a segment to a live project. */
  createSegment(projectId: string, fields: SegmentPatch, position?: number): Segment {
    return this.store.transaction(() => {
      touchProject(this.store, projectId);
      return getSegment(this.store, insertSegment(this.store, projectId, fields, position));
    });
  }

  /** Changes a segment of a live project. */
  updateSegment(id: string, patch: SegmentPatch): Segment {
    return this.store.transaction(() => {
      const segment = updateSegment(this.store, id, patch);
      touchProject(this.store, segment.projectId);
      return segment;
    });
  }

  /** Removes a segment. */
  deleteSegment(id: string): { deleted: boolean } {
    return this.store.transaction(() => {
      touchProject(this.store, deleteSegment(this.store, id));
      return { deleted: true };
    });
  }

  /** Reorders a project's segments. */
  reorderSegments(projectId: string, order: readonly string[]): Segment[] {
    return this.store.transaction(() => {
      touchProject(this.store, projectId);
      reorderSegments(this.store, projectId, order);
      return listSegments(this.store, projectId);
    });
  }

  private requireBrandKit(id: string): void {
    const found = this.store.first(
      this.store.db.selectFrom('brand_kits').select('id').where('id', '=', id),
    );
    if (!found) throw new AppError('NOT_FOUND', `No such brand kit: ${id}`);
  }
}
