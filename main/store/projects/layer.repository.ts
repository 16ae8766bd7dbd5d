/**
 * Layers: project-wide captions, voice and music tracks (one per kind).
 */
import { randomUUID } from 'node:crypto';
import type { Layer } from '../../../shared/contract/projects.contract';
import type { Store } from '../db/store';
import { toLayer } from './project.mapper';

/** A project's layers in order. */
export function listLayers(store: Store, projectId: string): Layer[] {
  return store
    .all(
      store.db
        .selectFrom('layers')
        .selectAll()
        .where('project_id', '=', projectId)
        .orderBy('position'),
    )
    .map(toLayer);
}

/** Creates or replaces the layer of `kind` in a project; returns its id. */
export function upsertLayer(
  store: Store,
  projectId: string,
  layer: Pick<Layer, 'kind' | 'mediaId' | 'settings'>,
  now = Date.now(),
): string {
  const existing = store.first(
    store.db
      .selectFrom('layers')
      .select('id')
      .where('project_id', '=', projectId)
      .where('kind', '=', layer.kind),
  );
  if (existing) {
    store.run(
      store.db
        .updateTable('layers')
        .set({
          media_id: layer.mediaId,
          settings_json: JSON.stringify(layer.settings),
          updated_at: now,
        })
        .where('id', '=', existing.id),
    );
    return existing.id;
  }
  const id = randomUUID();
  const position = ['captions', 'voice', 'music'].indexOf(layer.kind);
  store.run(
    store.db.insertInto('layers').values({
      id,
      project_id: projectId,
      kind: layer.kind,
      media_id: layer.mediaId,
      settings_json: JSON.stringify(layer.settings),
      position,
      created_at: now,
      updated_at: now,
    }),
  );
  return id;
}
