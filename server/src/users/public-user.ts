/**
 * Loads accounts as the contract's `PublicUser` (with the avatar's URL).
 */
import type { PublicUser } from '../../../shared/api/auth.api';
import type { DbOrTrx } from '../db/database';
import type { ObjectStorage } from '../storage/storage';

export async function loadPublicUser(
  db: DbOrTrx,
  storage: ObjectStorage,
  userId: string,
): Promise<PublicUser | undefined> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('uploads as a', (join) =>
      join.onRef('a.id', '=', 'u.avatar_upload_id').on('a.status', '=', 'verified'),
    )
    .select(['u.id', 'u.username', 'u.created_at', 'a.storage_key as avatar_key'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      username: row.username,
      avatarUrl: row.avatar_key ? storage.readUrl(row.avatar_key) : null,
      createdAt: row.created_at.toISOString(),
    }
  );
}
