/**
 * The signed-in account: profile, username and avatar changes.
 */
import type { Me } from '../../../shared/api/me.api';
import { AppError } from '../../../shared/errors';
import { usernameTaken } from '../auth/repository';
import type { AppDeps } from '../deps';

export async function loadMe(deps: AppDeps, userId: string): Promise<Me> {
  const row = await deps.db
    .selectFrom('users as u')
    .leftJoin('uploads as a', (join) =>
      join.onRef('a.id', '=', 'u.avatar_upload_id').on('a.status', '=', 'verified'),
    )
    .select([
      'u.id',
      'u.username',
      'u.email',
      'u.email_verified_at',
      'u.balance',
      'u.storage_bytes',
      'u.created_at',
      'a.storage_key as avatar_key',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new AppError('UNAUTHORIZED', 'This account no longer exists.');
  return {
    id: row.id,
    username: row.username,
    avatarUrl: row.avatar_key ? deps.storage.readUrl(row.avatar_key) : null,
    createdAt: row.created_at.toISOString(),
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    balance: row.balance,
    storageBytes: Number(row.storage_bytes),
    storageQuotaBytes: deps.config.quotaBytes,
  };
}

export async function updateMe(
  deps: AppDeps,
  userId: string,
  patch: { username?: string | undefined; avatarUploadId?: string | null | undefined },
): Promise<Me> {
  const { db } = deps;
  if (patch.username !== undefined && (await usernameTaken(db, patch.username, userId))) {
    throw new AppError('CONFLICT', 'This username is taken.');
  }
  if (patch.avatarUploadId) {
    const upload = await db
      .selectFrom('uploads')
      .select(['user_id', 'kind', 'status'])
      .where('id', '=', patch.avatarUploadId)
      .executeTakeFirst();
    if (!upload || upload.user_id !== userId) throw new AppError('NOT_FOUND', 'No such upload.');
    if (upload.kind !== 'avatar') throw new AppError('VALIDATION', 'This upload is not an avatar.');
    if (upload.status === 'aborted' || upload.status === 'failed' || upload.status === 'pending') {
      throw new AppError('CONFLICT', 'Complete the avatar upload first.');
    }
  }
  const values: { username?: string; avatar_upload_id?: string | null } = {};
  if (patch.username !== undefined) values.username = patch.username;
  if (patch.avatarUploadId !== undefined) values.avatar_upload_id = patch.avatarUploadId;
  if (Object.keys(values).length > 0) {
    try {
      await db.updateTable('users').set(values).where('id', '=', userId).execute();
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505')
        throw new AppError('CONFLICT', 'This username is taken.');
      throw error;
    }
  }
  return loadMe(deps, userId);
}
