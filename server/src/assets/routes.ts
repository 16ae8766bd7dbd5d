/**
 * `/v1/assets/*`: public links to the asset studio's creations.
 */
import { Hono } from 'hono';
import { assetsApi, type AssetTypeName } from '../../../shared/api/assets.api';
import { AppError } from '../../../shared/errors';
import type { Env } from '../deps';
import { mount } from '../http/route';

export function assetsRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  const load = async (c: { var: Env['Variables'] }, id: string) => {
    const row = await c.var.deps.db
      .selectFrom('assets as a')
      .innerJoin('uploads as u', 'u.id', 'a.upload_id')
      .select(['a.id', 'a.type', 'a.title', 'a.user_id', 'a.created_at', 'u.storage_key'])
      .where('a.id', '=', id)
      .where('a.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such asset.');
    return {
      id: row.id,
      type: row.type as AssetTypeName,
      title: row.title,
      url: c.var.deps.storage.readUrl(row.storage_key),
      userId: row.user_id,
      createdAt: row.created_at.toISOString(),
    };
  };
  mount(router, assetsApi.create, async ({ c, user, body }) => {
    const { userId } = user();
    const upload = await c.var.deps.db
      .selectFrom('uploads')
      .select(['user_id', 'kind', 'status'])
      .where('id', '=', body.uploadId)
      .executeTakeFirst();
    if (!upload || upload.user_id !== userId) throw new AppError('NOT_FOUND', 'No such upload.');
    if (upload.kind !== 'asset') throw new AppError('VALIDATION', 'This upload is not an asset.');
    if (upload.status !== 'verified' && upload.status !== 'verifying') {
      throw new AppError('CONFLICT', 'Complete the upload first.');
    }
    const row = await c.var.deps.db
      .insertInto('assets')
      .values({ user_id: userId, upload_id: body.uploadId, type: body.type, title: body.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    return load(c, row.id);
  });
  mount(router, assetsApi.get, async ({ c, id }) => load(c, id));
  mount(router, assetsApi.delete, async ({ c, user, id }) => {
    const asset = await load(c, id);
    if (asset.userId !== user().userId)
      throw new AppError('FORBIDDEN', 'Only its creator may delete this asset.');
    await c.var.deps.db
      .updateTable('assets')
      .set({ deleted_at: new Date() })
      .where('id', '=', id)
      .execute();
    return { ok: true as const };
  });
  return router;
}
