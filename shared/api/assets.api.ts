/**
 * Public links for the asset studio's creations (emotes, banners, panels...).
 */
import { z } from 'zod';
import { endpoint, OkResponse } from './define.api';

export const AssetType = z.enum([
  'emote',
  'badge',
  'thumbnail',
  'banner',
  'panel',
  'overlay',
  'other',
]);
export type AssetTypeName = z.infer<typeof AssetType>;

export const AssetSchema = z.object({
  id: z.uuid(),
  type: AssetType,
  title: z.string(),
  url: z.string(),
  userId: z.uuid(),
  createdAt: z.string(),
});

export const assetsApi = {
  create: endpoint({
    method: 'POST',
    path: '/v1/assets',
    summary: 'Publish a completed upload as a public asset link (Idempotency-Key required)',
    tag: 'assets',
    auth: 'required',
    idempotent: true,
    status: 201,
    body: z.object({
      uploadId: z.uuid(),
      type: AssetType,
      title: z.string().trim().min(1).max(120),
    }),
    response: AssetSchema,
  }),
  get: endpoint({
    method: 'GET',
    path: '/v1/assets/:id',
    summary: 'One public asset',
    tag: 'assets',
    auth: 'none',
    response: AssetSchema,
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/v1/assets/:id',
    summary: 'Owner: delete an asset link',
    tag: 'assets',
    auth: 'required',
    response: OkResponse,
  }),
};
