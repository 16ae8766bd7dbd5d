/**
 * Resumable multipart uploads: presigned S3 part URLs, or signed local URLs.
 */
import { z } from 'zod';
import { endpoint, OkResponse } from './define.api';

export const UploadKind = z.enum(['video', 'thumbnail', 'avatar', 'asset']);
export type UploadKind = z.infer<typeof UploadKind>;

/** Allowed content types per kind (never SVG or HTML: they would run script on our origin). */
export const UPLOAD_CONTENT_TYPES: Record<UploadKind, readonly string[]> = {
  video: ['video/mp4', 'video/webm', 'video/quicktime'],
  thumbnail: ['image/jpeg', 'image/png', 'image/webp'],
  avatar: ['image/jpeg', 'image/png', 'image/webp'],
  asset: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
};

/** Largest object per kind, in bytes. */
export const UPLOAD_MAX_BYTES: Record<UploadKind, number> = {
  video: 2 * 1024 ** 3,
  thumbnail: 10 * 1024 ** 2,
  avatar: 5 * 1024 ** 2,
  asset: 50 * 1024 ** 2,
};

export const PartUrlSchema = z.object({
  partNumber: z.number().int(),
  url: z.string(),
  expiresAt: z.string(),
});

export const PartRecordSchema = z.object({
  partNumber: z.number().int().min(1).max(10_000),
  etag: z.string().min(1).max(200),
});

export const UploadStatus = z.enum(['pending', 'verifying', 'verified', 'failed', 'aborted']);
export type UploadStatus = z.infer<typeof UploadStatus>;

export const UploadSchema = z.object({
  uploadId: z.uuid(),
  kind: UploadKind,
  status: UploadStatus,
  bytes: z.number().int(),
  partSize: z.number().int(),
  partCount: z.number().int(),
  /** Parts the server has recorded as received. */
  received: z.array(PartRecordSchema),
  /** Fresh URLs for the parts still missing. */
  parts: z.array(PartUrlSchema),
});
export type Upload = z.infer<typeof UploadSchema>;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const uploadsApi = {
  create: endpoint({
    method: 'POST',
    path: '/v1/uploads',
    summary: 'Start an upload; answers one signed URL per part',
    tag: 'uploads',
    auth: 'required',
    status: 201,
    body: z.object({
      kind: UploadKind,
      contentType: z.string().max(100),
      bytes: z.number().int().positive(),
      /**
       * Known up front (older clients), or left out and sent at `complete` by a client that
       * hashes the parts while it reads them.
       */
      sha256: Sha256.optional(),
    }),
    response: z.object({
      uploadId: z.uuid(),
      partSize: z.number().int(),
      parts: z.array(PartUrlSchema),
    }),
  }),
  get: endpoint({
    method: 'GET',
    path: '/v1/uploads/:id',
    summary: 'Parts received so far and fresh URLs for the missing ones',
    tag: 'uploads',
    auth: 'required',
    response: UploadSchema,
  }),
  parts: endpoint({
    method: 'POST',
    path: '/v1/uploads/:id/parts',
    summary: 'Record parts sent straight to S3 (the local store records its own)',
    tag: 'uploads',
    auth: 'required',
    body: z.object({ parts: z.array(PartRecordSchema).min(1).max(10_000) }),
    response: UploadSchema,
  }),
  complete: endpoint({
    method: 'POST',
    path: '/v1/uploads/:id/complete',
    summary:
      'Assemble the parts; the sha256 (sent here or at create) is then verified (status verifying → verified, or failed)',
    tag: 'uploads',
    auth: 'required',
    body: z.object({
      parts: z.array(PartRecordSchema).min(1).max(10_000),
      /** Required when create had none; must equal create's when both are sent. */
      sha256: Sha256.optional(),
    }),
    response: UploadSchema,
  }),
  abort: endpoint({
    method: 'DELETE',
    path: '/v1/uploads/:id',
    summary: 'Abort an upload (best effort against storage, always recorded)',
    tag: 'uploads',
    auth: 'required',
    response: OkResponse,
  }),
};
