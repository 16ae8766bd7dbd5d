/**
 * Rows of the upload queue: items, their uploads and the parts each upload has sent. Every write
 * is one short synchronous statement or transaction, so a killed process loses at most the parts
 * in flight.
 */
import type {
  QueueItem,
  QueueItemKind,
  QueueItemState,
} from '../../../shared/contract/sync.contract';
import type { Store } from '../../store/db/store';
import type { OutboxPartRow, OutboxRow, OutboxUploadRow } from '../../store/db/tables/outbox.table';

export interface NewUpload {
  role: string;
  path: string;
  uploadKind: string;
  contentType: string;
  bytes: number;
  mtimeMs: number;
}

export interface NewItem {
  kind: QueueItemKind;
  title: string;
  projectId: string | null;
  payload: unknown;
  idempotencyKey: string;
  uploads: NewUpload[];
}

export function insertItem(store: Store, item: NewItem, now: number): number {
  return store.transaction(() => {
    const row = store.first(
      store.db
        .insertInto('outbox')
        .values({
          kind: item.kind,
          title: item.title,
          project_id: item.projectId,
          payload_json: JSON.stringify(item.payload),
          idempotency_key: item.idempotencyKey,
          status: 'queued',
          next_attempt_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('id'),
    );
    if (!row) throw new Error('outbox insert returned no id');
    for (const upload of item.uploads) {
      store.run(
        store.db.insertInto('outbox_uploads').values({
          outbox_id: row.id,
          role: upload.role,
          path: upload.path,
          upload_kind: upload.uploadKind,
          content_type: upload.contentType,
          bytes: upload.bytes,
          mtime_ms: upload.mtimeMs,
        }),
      );
    }
    return row.id;
  });
}

export function getItem(store: Store, id: number): OutboxRow | undefined {
  return store.first(store.db.selectFrom('outbox').selectAll().where('id', '=', id));
}

export function listItems(store: Store): OutboxRow[] {
  return store.all(store.db.selectFrom('outbox').selectAll().orderBy('id', 'desc'));
}

/** Items the scheduler may start now, oldest first. */
export function dueItems(store: Store, now: number): OutboxRow[] {
  return store.all(
    store.db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['queued', 'initiating', 'uploading', 'completing']),
          eb.and([eb('status', '=', 'failed'), eb('permanent', '=', 0)]),
        ]),
      )
      .where('next_attempt_at', '<=', now)
      .orderBy('id'),
  );
}

/** The soonest time a waiting item becomes due, or null. */
export function nextDue(store: Store): number | null {
  const row = store.first(
    store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['queued', 'initiating', 'uploading', 'completing']),
          eb.and([eb('status', '=', 'failed'), eb('permanent', '=', 0)]),
        ]),
      ),
  );
  return row?.at ?? null;
}

export interface StatePatch {
  status: QueueItemState;
  permanent?: boolean;
  errorCode?: string | null;
  lastError?: string | null;
  attempts?: number;
  nextAttemptAt?: number;
  result?: unknown;
}

export function setState(store: Store, id: number, patch: StatePatch, now: number): void {
  store.run(
    store.db
      .updateTable('outbox')
      .set({
        status: patch.status,
        updated_at: now,
        ...(patch.permanent === undefined ? {} : { permanent: patch.permanent ? 1 : 0 }),
        ...(patch.errorCode === undefined ? {} : { error_code: patch.errorCode }),
        ...(patch.lastError === undefined ? {} : { last_error: patch.lastError }),
        ...(patch.attempts === undefined ? {} : { attempts: patch.attempts }),
        ...(patch.nextAttemptAt === undefined ? {} : { next_attempt_at: patch.nextAttemptAt }),
        ...(patch.result === undefined ? {} : { result_json: JSON.stringify(patch.result) }),
      })
      .where('id', '=', id),
  );
}

/** A fresh Idempotency-Key: the next finish request must not return a result the server rejected. */
export function setIdempotencyKey(store: Store, id: number, key: string): void {
  store.run(store.db.updateTable('outbox').set({ idempotency_key: key }).where('id', '=', id));
}

export function uploadsOf(store: Store, id: number): OutboxUploadRow[] {
  return store.all(
    store.db.selectFrom('outbox_uploads').selectAll().where('outbox_id', '=', id).orderBy('role'),
  );
}

export function setUpload(
  store: Store,
  id: number,
  role: string,
  patch: Partial<
    Pick<OutboxUploadRow, 'sha256' | 'remote_upload_id' | 'part_size' | 'part_count' | 'completed'>
  >,
): void {
  store.run(
    store.db
      .updateTable('outbox_uploads')
      .set(patch)
      .where('outbox_id', '=', id)
      .where('role', '=', role),
  );
}

export function partsOf(store: Store, id: number, role: string): OutboxPartRow[] {
  return store.all(
    store.db
      .selectFrom('outbox_parts')
      .selectAll()
      .where('outbox_id', '=', id)
      .where('role', '=', role)
      .orderBy('part_number'),
  );
}

/** Records a part the server acknowledged (idempotent: the same part twice keeps the last ETag). */
export function recordPart(store: Store, part: Omit<OutboxPartRow, 'done_at'>, now: number): void {
  store.run(
    store.db
      .insertInto('outbox_parts')
      .values({ ...part, done_at: now })
      .onConflict((oc) =>
        oc
          .columns(['outbox_id', 'role', 'part_number'])
          .doUpdateSet({ etag: part.etag, bytes: part.bytes, done_at: now }),
      ),
  );
}

/** Forgets the parts of an upload (its server upload was lost or restarted). */
export function clearParts(store: Store, id: number, role: string): void {
  store.run(
    store.db.deleteFrom('outbox_parts').where('outbox_id', '=', id).where('role', '=', role),
  );
}

export function deleteFinished(store: Store): void {
  store.run(store.db.deleteFrom('outbox').where('status', 'in', ['done', 'cancelled']));
}

export function recordPublished(
  store: Store,
  row: { projectId: string; videoId: string; shareUrl: string; outboxId: number },
  now: number,
): void {
  store.run(
    store.db
      .insertInto('published_videos')
      .values({
        project_id: row.projectId,
        video_id: row.videoId,
        share_url: row.shareUrl,
        outbox_id: row.outboxId,
        published_at: now,
      })
      .onConflict((oc) =>
        oc.column('project_id').doUpdateSet({
          video_id: row.videoId,
          share_url: row.shareUrl,
          outbox_id: row.outboxId,
          published_at: now,
        }),
      ),
  );
}

export function publishedOf(store: Store, projectId: string) {
  return store.first(
    store.db.selectFrom('published_videos').selectAll().where('project_id', '=', projectId),
  );
}

/** The contract's view of an item. */
export function toQueueItem(store: Store, row: OutboxRow): QueueItem {
  const uploads = uploadsOf(store, row.id);
  const total = uploads.reduce((sum, u) => sum + u.bytes, 0);
  const done = store.first(
    store.db
      .selectFrom('outbox_parts')
      .select((eb) => eb.fn.sum<number>('bytes').as('bytes'))
      .where('outbox_id', '=', row.id),
  );
  const waiting = row.status === 'failed' && row.permanent === 0;
  return {
    id: String(row.id),
    kind: row.kind as QueueItemKind,
    title: row.title,
    projectId: row.project_id,
    state: row.status as QueueItemState,
    failure:
      row.status === 'failed'
        ? {
            permanent: row.permanent === 1,
            message: row.last_error ?? 'Failed.',
            code: row.error_code ?? 'INTERNAL',
          }
        : null,
    attempts: row.attempts,
    nextAttemptAt: waiting ? row.next_attempt_at : null,
    bytesTotal: total,
    bytesDone: row.status === 'done' ? total : Math.min(total, done?.bytes ?? 0),
    result: row.result_json ? (JSON.parse(row.result_json) as QueueItem['result']) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
