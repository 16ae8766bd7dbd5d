/**
 * Media rows: one per distinct content hash, plus reference counting across every table that
 * points at media (segments and their kept versions, layers, logos, assets; trashed projects
 * still count).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Media, MediaKind } from '../../../shared/contract/media.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import type { MediaRow, NewMediaRow } from '../db/tables/media.table';
import { parseJson } from '../projects/project.mapper';

export type MediaRecord = Omit<Media, 'url'>;

export function toMediaRecord(row: MediaRow): MediaRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    kind: row.kind as MediaKind,
    mime: row.mime,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    codec: parseJson<Media['codec']>(row.codec_json, { container: null, video: null, audio: null }),
    originalName: row.original_name,
    source: row.source as Media['source'],
    provenance: parseJson<Media['provenance']>(row.provenance_json, {}),
    createdAt: row.created_at,
  };
}

/** The medium with this content, if any. */
export function findMediaBySha(store: Store, sha256: string): MediaRow | undefined {
  return store.first(store.db.selectFrom('media').selectAll().where('sha256', '=', sha256));
}

/** One medium, or NOT_FOUND. */
export function getMediaRow(store: Store, id: string): MediaRow {
  const row = store.first(store.db.selectFrom('media').selectAll().where('id', '=', id));
  if (!row) throw new AppError('NOT_FOUND', `No such medium: ${id}`);
  return row;
}

/** Inserts a medium unless its hash is already known; returns the row and whether it was new. */
export function insertMedia(
  store: Store,
  values: Omit<NewMediaRow, 'id' | 'created_at'>,
  now = Date.now(),
): { row: MediaRow; created: boolean } {
  return store.transaction(() => {
    const existing = findMediaBySha(store, values.sha256);
    if (existing) return { row: existing, created: false };
    const id = randomUUID();
    store.run(store.db.insertInto('media').values({ ...values, id, created_at: now }));
    return { row: getMediaRow(store, id), created: true };
  });
}

/** A page of media, newest first. */
export function listMedia(
  store: Store,
  input: { kind?: MediaKind; search?: string; limit: number; offset: number },
): { rows: MediaRow[]; total: number } {
  let query = store.db.selectFrom('media');
  if (input.kind) query = query.where('kind', '=', input.kind);
  if (input.search) {
    const pattern = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`original_name like ${pattern} escape '\\'`);
  }
  const rows = store.all(
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset),
  );
  const total = store.first(query.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return { rows, total };
}

/** How many rows reference a medium. */
export function countReferences(store: Store, id: string): number {
  const row = store.first(
    store.db.selectNoFrom([
      sql<number>`(select count(*) from segment_media where media_id = ${id})
        + (select count(*) from segment_media_versions where media_id = ${id})
        + (select count(*) from layers where media_id = ${id})
        + (select count(*) from brand_kit_logos where media_id = ${id})
        + (select count(*) from assets where media_id = ${id})
        + (select count(*) from asset_variants where media_id = ${id})
        + (select count(*) from brand_kit_fonts where media_id = ${id})`.as('n'),
    ]),
  );
  return row?.n ?? 0;
}

/** Media nothing references (garbage-collection candidates). */
export function unreferencedMedia(store: Store): MediaRow[] {
  const unused = (
    table:
      | 'segment_media'
      | 'segment_media_versions'
      | 'layers'
      | 'brand_kit_logos'
      | 'brand_kit_fonts'
      | 'assets'
      | 'asset_variants',
  ) => sql<boolean>`not exists (select 1 from ${sql.table(table)} where media_id = media.id)`;
  return store.all(
    store.db
      .selectFrom('media')
      .selectAll()
      .where(unused('segment_media'))
      .where(unused('segment_media_versions'))
      .where(unused('layers'))
      .where(unused('brand_kit_logos'))
      .where(unused('assets'))
      .where(unused('asset_variants'))
      .where(unused('brand_kit_fonts')),
  );
}

/** Deletes a medium row if nothing references it; CONFLICT otherwise. */
export function deleteMediaRow(store: Store, id: string): MediaRow {
  return store.transaction(() => {
    const row = getMediaRow(store, id);
    const references = countReferences(store, id);
    if (references > 0) {
      throw new AppError(
        'CONFLICT',
        `${row.original_name} is still used in ${references} place(s) (projects, including trashed ones, brand kits or assets); remove it there first.`,
        { details: { references } },
      );
    }
    store.run(store.db.deleteFrom('media').where('id', '=', id));
    return row;
  });
}

/** Every known hash (garbage collection keeps these files). */
export function allMediaHashes(store: Store): Set<string> {
  return new Set(store.all(store.db.selectFrom('media').select('sha256')).map((r) => r.sha256));
}
