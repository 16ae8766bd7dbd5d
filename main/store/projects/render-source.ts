/**
 * What a renderer needs from the library: a project with its ordered segments and layers, and
 * every medium they use resolved to a local file. One read transaction, so the snapshot is
 * consistent even while the user keeps editing.
 */
import type { BrandKit } from '../../../shared/contract/brand-kits.contract';
import type { Media } from '../../../shared/contract/media.contract';
import type { ProjectDetail } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import { projectMediaIds } from '../../../shared/timeline/project-timeline';
import { getBrandKit } from '../brand-kits/brand-kit.repository';
import type { Store } from '../db/store';
import { toMediaRecord } from '../media/media.repository';
import { listLayers } from './layer.repository';
import { getProject } from './project.repository';
import { listSegments } from './segment.repository';

export interface ResolvedMedia {
  id: string;
  /** Absolute path of the file in the content-addressed store (read-only). */
  path: string;
  kind: Media['kind'];
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

export interface RenderSource {
  project: ProjectDetail;
  /** Every medium used by a segment or layer, by id. */
  media: ReadonlyMap<string, ResolvedMedia>;
  /** The project's brand kit (captions take its colours and font); null without one. */
  brandKit?: BrandKit | null;
}

/** The kit, or null when it was deleted meanwhile (the project then renders without one). */
function findBrandKit(store: Store, id: string): BrandKit | null {
  try {
    return getBrandKit(store, id);
  } catch {
    return null;
  }
}

/** Loads a project for rendering; `objectPath` maps a sha256 to its file (ContentStore.objectPath). */
export function loadRenderSource(
  store: Store,
  projectId: string,
  objectPath: (sha256: string) => string,
): RenderSource {
  return store.transaction(() => {
    const project: ProjectDetail = {
      ...getProject(store, projectId),
      segments: listSegments(store, projectId),
      layers: listLayers(store, projectId),
    };
    const ids = new Set(projectMediaIds(project));
    const media = new Map<string, ResolvedMedia>();
    if (ids.size > 0) {
      const rows = store.all(
        store.db
          .selectFrom('media')
          .selectAll()
          .where('id', 'in', [...ids]),
      );
      for (const row of rows) {
        const record = toMediaRecord(row);
        media.set(row.id, {
          id: row.id,
          path: objectPath(row.sha256),
          kind: record.kind,
          mime: record.mime,
          width: record.width,
          height: record.height,
          durationMs: record.durationMs,
        });
      }
    }
    for (const id of ids) {
      if (!media.has(id))
        throw new AppError('CORRUPT', `Project ${projectId} uses a missing medium ${id}.`);
    }
    const brandKit = project.brandKitId === null ? null : findBrandKit(store, project.brandKitId);
    return { project, media, brandKit };
  });
}
