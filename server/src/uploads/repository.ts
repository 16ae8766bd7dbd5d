/**
 * Upload rows, the server's own record of received parts, and the storage quota reservation.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';

export async function uploadOf(db: DbOrTrx, id: string) {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export type UploadRow = NonNullable<Awaited<ReturnType<typeof uploadOf>>>;

export async function partsOf(db: DbOrTrx, uploadId: string) {
  return db
    .selectFrom('upload_parts')
    .select(['part_number', 'etag'])
    .where('upload_id', '=', uploadId)
    .orderBy('part_number')
    .execute();
}

export async function recordPart(
  db: DbOrTrx,
  uploadId: string,
  partNumber: number,
  etag: string,
): Promise<void> {
  await db
    .insertInto('upload_parts')
    .values({ upload_id: uploadId, part_number: partNumber, etag })
    .onConflict((oc) =>
      oc.columns(['upload_id', 'part_number']).doUpdateSet({ etag, received_at: sql`now()` }),
    )
    .execute();
}

/** Adds `bytes` to the user's storage if it stays within `quota`; false when it would not. */
export async function reserveStorage(
  db: DbOrTrx,
  userId: string,
  bytes: number,
  quota: number,
): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ storage_bytes: sql`storage_bytes + ${bytes}` })
    .where('id', '=', userId)
    .where(sql<boolean>`storage_bytes + ${bytes} <= ${quota}`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function releaseStorage(db: DbOrTrx, userId: string, bytes: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ storage_bytes: sql`greatest(storage_bytes - ${bytes}, 0)` })
    .where('id', '=', userId)
    .execute();
}
