/**
 * Segments: ordered scenes of a project, with their media links. Positions stay dense (0..n-1).
 */
import { randomUUID } from 'node:crypto';
import type { Segment, SegmentPatch } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import { param, type Store } from '../db/store';
import type { SegmentRow, SegmentTable } from '../db/tables/segment.table';

type SegmentColumn = keyof SegmentTable;
import { toSegment } from './project.mapper';

export const SEGMENT_DEFAULTS = {
  text: '',
  imagePrompt: '',
  durationMs: 3000,
  playbackRate: 1,
  volume: 1,
  motion: 'zoom-in',
  transition: 'cut',
  wordTimings: null,
  media: [],
} as const satisfies SegmentPatch;

/** A project's segments in order, each with its media links. */
export function listSegments(store: Store, projectId: string): Segment[] {
  const rows = store.all(
    store.db
      .selectFrom('segments')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('position'),
  );
  const links = store.all(
    store.db
      .selectFrom('segment_media')
      .innerJoin('segments', 'segments.id', 'segment_media.segment_id')
      .select(['segment_media.segment_id', 'segment_media.media_id', 'segment_media.role'])
      .where('segments.project_id', '=', projectId),
  );
  const bySegment = new Map<string, Segment['media']>();
  for (const link of links) {
    const list = bySegment.get(link.segment_id) ?? [];
    list.push({ mediaId: link.media_id, role: link.role as 'visual' | 'audio' });
    bySegment.set(link.segment_id, list);
  }
  return rows.map((row) => toSegment(row, bySegment.get(row.id) ?? []));
}

function segmentRow(store: Store, id: string): SegmentRow {
  const row = store.first(store.db.selectFrom('segments').selectAll().where('id', '=', id));
  if (!row) throw new AppError('NOT_FOUND', `No such segment: ${id}`);
  return row;
}

/** One segment with its media links. */
export function getSegment(store: Store, id: string): Segment {
  return toSegment(segmentRow(store, id), linksOf(store, id));
}

function linksOf(store: Store, segmentId: string): Segment['media'] {
  return store
    .prepared('segments.links', () =>
      store.db
        .selectFrom('segment_media')
        .select(['media_id', 'role'])
        .where('segment_id', '=', param<string>('segmentId')),
    )
    .all({ segmentId })
    .map((l) => ({ mediaId: l.media_id, role: l.role as 'visual' | 'audio' }));
}

function setLinks(store: Store, segmentId: string, media: Segment['media']): void {
  const roles = new Set(media.map((m) => m.role));
  if (roles.size !== media.length) {
    throw new AppError('VALIDATION', 'media: at most one medium per role (visual, audio)');
  }
  for (const link of media) {
    const exists = store.first(
      store.db.selectFrom('media').select('id').where('id', '=', link.mediaId),
    );
    if (!exists) throw new AppError('NOT_FOUND', `No such medium: ${link.mediaId}`);
  }
  store.run(store.db.deleteFrom('segment_media').where('segment_id', '=', segmentId));
  for (const link of media) {
    store.run(
      store.db
        .insertInto('segment_media')
        .values({ segment_id: segmentId, media_id: link.mediaId, role: link.role }),
    );
  }
}

/** Inserts a segment at `position` (default: the end), moving later ones down. Returns its id. */
export function insertSegment(
  store: Store,
  projectId: string,
  fields: SegmentPatch,
  position?: number,
  now = Date.now(),
): string {
  const count =
    store.first(
      store.db
        .selectFrom('segments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('project_id', '=', projectId),
    )?.n ?? 0;
  const at = Math.min(position ?? count, count);
  if (at < count) {
    store.run(
      store.db
        .updateTable('segments')
        .set((eb) => ({ position: eb('position', '+', 1) }))
        .where('project_id', '=', projectId)
        .where('position', '>=', at),
    );
  }
  const f = { ...SEGMENT_DEFAULTS, ...fields };
  const id = randomUUID();
  store.run(
    store.db.insertInto('segments').values({
      id,
      project_id: projectId,
      position: at,
      text: f.text,
      image_prompt: f.imagePrompt,
      duration_ms: f.durationMs,
      playback_rate: f.playbackRate,
      volume: f.volume,
      motion: f.motion,
      transition: f.transition,
      word_timings_json: f.wordTimings ? JSON.stringify(f.wordTimings) : null,
      created_at: now,
      updated_at: now,
    }),
  );
  if (f.media.length > 0) setLinks(store, id, f.media);
  return id;
}

/** Applies a patch to a segment (one statement); returns the updated segment. */
export function updateSegment(
  store: Store,
  id: string,
  patch: SegmentPatch,
  now = Date.now(),
): Segment {
  const values: Partial<Record<SegmentColumn, unknown>> = { updated_at: now };
  if (patch.text !== undefined) values.text = patch.text;
  if (patch.imagePrompt !== undefined) values.image_prompt = patch.imagePrompt;
  if (patch.durationMs !== undefined) values.duration_ms = patch.durationMs;
  if (patch.playbackRate !== undefined) values.playback_rate = patch.playbackRate;
  if (patch.volume !== undefined) values.volume = patch.volume;
  if (patch.motion !== undefined) values.motion = patch.motion;
  if (patch.transition !== undefined) values.transition = patch.transition;
  if (patch.wordTimings !== undefined) {
    values.word_timings_json =
      patch.wordTimings === null ? null : JSON.stringify(patch.wordTimings);
  }
  // One compiled statement per set of changed columns (at most 2^8), prepared once.
  const columns = Object.keys(values) as SegmentColumn[];
  const row = store
    .prepared(`segments.update:${columns.join(',')}`, () =>
      store.db
        .updateTable('segments')
        .set(Object.fromEntries(columns.map((c) => [c, param(c)])))
        .where('id', '=', param<string>('id'))
        .returningAll(),
    )
    .first({ ...values, id });
  if (!row) throw new AppError('NOT_FOUND', `No such segment: ${id}`);
  if (patch.media !== undefined) {
    setLinks(store, id, patch.media);
    return toSegment(row, patch.media);
  }
  return toSegment(row, linksOf(store, id));
}

/** Deletes a segment and closes the gap; returns its project id. */
export function deleteSegment(store: Store, id: string): string {
  const row = segmentRow(store, id);
  store.run(store.db.deleteFrom('segments').where('id', '=', id));
  store.run(
    store.db
      .updateTable('segments')
      .set((eb) => ({ position: eb('position', '-', 1) }))
      .where('project_id', '=', row.project_id)
      .where('position', '>', row.position),
  );
  return row.project_id;
}

/** Sets the order; `order` must be a permutation of the project's segment ids. */
export function reorderSegments(store: Store, projectId: string, order: readonly string[]): void {
  const current = store.all(
    store.db.selectFrom('segments').select('id').where('project_id', '=', projectId),
  );
  const ids = new Set(current.map((r) => r.id));
  const given = new Set(order);
  if (given.size !== order.length || given.size !== ids.size || order.some((id) => !ids.has(id))) {
    throw new AppError(
      'VALIDATION',
      `order: must list each of the project's ${ids.size} segments exactly once`,
    );
  }
  const now = Date.now();
  order.forEach((id, position) => {
    store.run(
      store.db.updateTable('segments').set({ position, updated_at: now }).where('id', '=', id),
    );
  });
}
