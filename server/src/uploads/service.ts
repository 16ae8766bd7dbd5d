/**
 * Resumable multipart uploads. The server records each part and its ETag itself (S3 ListParts is
 * never used), assembles the object on completion, then verifies its sha256 in the background:
 * `verifying` → `verified` (videos using it become `ready`) or `failed`.
 */
import { randomUUID } from 'node:crypto';
import type { Upload, UploadKind } from '../../../shared/api/uploads.api';
import { UPLOAD_CONTENT_TYPES, UPLOAD_MAX_BYTES } from '../../../shared/api/uploads.api';
import { AppError } from '../../../shared/errors';
import type { AppDeps } from '../deps';
import { markVideosForUpload } from '../videos/repository';
import * as repo from './repository';

/**
 * Stored in `uploads.sha256` until `complete` brings the digest (a client hashing while it sends
 * the parts does not know it at create). Never equal to a real digest, so verification of an
 * upload completed without one fails.
 */
const SHA256_AT_COMPLETE = '';

/** Part URLs stay valid this long; a client back from sleep asks GET /v1/uploads/:id for fresh ones. */
const PART_URL_SECONDS = 3600;

export class UploadsService {
  constructor(private readonly deps: AppDeps) {}

  private async partUrls(upload: repo.UploadRow, numbers: number[]) {
    const expiresAt = new Date(Date.now() + PART_URL_SECONDS * 1000);
    return Promise.all(
      numbers.map(async (partNumber) => ({
        partNumber,
        url: await this.deps.storage.partUrl({
          key: upload.storage_key,
          storageUploadId: upload.s3_upload_id,
          uploadId: upload.id,
          partNumber,
          expiresAt,
        }),
        expiresAt: expiresAt.toISOString(),
      })),
    );
  }

  async create(
    userId: string,
    input: { kind: UploadKind; contentType: string; bytes: number; sha256?: string | undefined },
  ) {
    const { db, config, storage } = this.deps;
    if (!UPLOAD_CONTENT_TYPES[input.kind].includes(input.contentType)) {
      throw new AppError(
        'UNSUPPORTED',
        `A ${input.kind} upload must be one of: ${UPLOAD_CONTENT_TYPES[input.kind].join(', ')}.`,
      );
    }
    if (input.bytes > UPLOAD_MAX_BYTES[input.kind]) {
      throw new AppError(
        'TOO_LARGE',
        `A ${input.kind} may be at most ${UPLOAD_MAX_BYTES[input.kind]} bytes.`,
      );
    }
    const partSize = config.partSize;
    const partCount = Math.ceil(input.bytes / partSize);
    if (partCount > 10_000) throw new AppError('TOO_LARGE', 'Too many parts for this file.');
    const id = randomUUID();
    const key = `${input.kind}/${id}`;
    const upload = await db.transaction().execute(async (trx) => {
      if (!(await repo.reserveStorage(trx, userId, input.bytes, config.quotaBytes))) {
        throw new AppError('TOO_LARGE', 'This upload would exceed your storage quota.');
      }
      const storageUploadId = await storage.createMultipart(key, input.contentType);
      return trx
        .insertInto('uploads')
        .values({
          id,
          user_id: userId,
          kind: input.kind,
          content_type: input.contentType,
          bytes: input.bytes,
          sha256: input.sha256 ?? SHA256_AT_COMPLETE,
          storage_key: key,
          s3_upload_id: storageUploadId,
          part_size: partSize,
          part_count: partCount,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    const numbers = Array.from({ length: partCount }, (_, i) => i + 1);
    return { uploadId: upload.id, partSize, parts: await this.partUrls(upload, numbers) };
  }

  /** The caller's upload, or 404 (another user's uploads do not exist for them). */
  async owned(userId: string, id: string): Promise<repo.UploadRow> {
    const upload = await repo.uploadOf(this.deps.db, id);
    if (!upload || upload.user_id !== userId) throw new AppError('NOT_FOUND', 'No such upload.');
    return upload;
  }

  async status(userId: string, id: string): Promise<Upload> {
    return this.describe(await this.owned(userId, id));
  }

  private async describe(upload: repo.UploadRow): Promise<Upload> {
    const received = await repo.partsOf(this.deps.db, upload.id);
    const have = new Set(received.map((p) => p.part_number));
    const missing = Array.from({ length: upload.part_count }, (_, i) => i + 1).filter(
      (n) => !have.has(n),
    );
    return {
      uploadId: upload.id,
      kind: upload.kind,
      status: upload.status,
      bytes: Number(upload.bytes),
      partSize: upload.part_size,
      partCount: upload.part_count,
      received: received.map((p) => ({ partNumber: p.part_number, etag: p.etag })),
      parts: upload.status === 'pending' ? await this.partUrls(upload, missing) : [],
    };
  }

  private assertPending(upload: repo.UploadRow): void {
    if (upload.status !== 'pending')
      throw new AppError('CONFLICT', `This upload is ${upload.status}.`);
  }

  private checkPartNumbers(upload: repo.UploadRow, parts: { partNumber: number }[]): void {
    for (const part of parts) {
      if (part.partNumber > upload.part_count) {
        throw new AppError('VALIDATION', `This upload has ${upload.part_count} parts.`);
      }
    }
  }

  /** Records parts the client sent straight to S3 (the local store records its own). */
  async recordParts(
    userId: string,
    id: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<Upload> {
    const upload = await this.owned(userId, id);
    this.assertPending(upload);
    this.checkPartNumbers(upload, parts);
    if (this.deps.storage.kind === 's3') {
      for (const part of parts) await repo.recordPart(this.deps.db, id, part.partNumber, part.etag);
    }
    return this.describe(upload);
  }

  async complete(
    userId: string,
    id: string,
    parts: { partNumber: number; etag: string }[],
    sha256?: string,
  ): Promise<Upload> {
    const { db, storage } = this.deps;
    const upload = await this.owned(userId, id);
    this.assertPending(upload);
    this.checkPartNumbers(upload, parts);
    if (upload.sha256 === SHA256_AT_COMPLETE && !sha256) {
      throw new AppError(
        'VALIDATION',
        'This upload was started without a sha256: send it with complete.',
      );
    }
    if (upload.sha256 !== SHA256_AT_COMPLETE && sha256 && sha256 !== upload.sha256) {
      throw new AppError(
        'VALIDATION',
        `The sha256 sent with complete (${sha256}) differs from the one sent at create (${upload.sha256}); nothing was assembled.`,
      );
    }
    const expected = sha256 ?? upload.sha256;
    const numbers = new Set(parts.map((p) => p.partNumber));
    if (numbers.size !== upload.part_count || parts.length !== upload.part_count) {
      throw new AppError('VALIDATION', `Send each of the ${upload.part_count} parts exactly once.`);
    }
    if (storage.kind === 'local') {
      const recorded = new Map((await repo.partsOf(db, id)).map((p) => [p.part_number, p.etag]));
      for (const part of parts) {
        if (recorded.get(part.partNumber) !== part.etag) {
          throw new AppError(
            'VALIDATION',
            `Part ${part.partNumber} was not received with this ETag.`,
          );
        }
      }
    } else {
      for (const part of parts) await repo.recordPart(db, id, part.partNumber, part.etag);
    }
    const claimed = await db
      .updateTable('uploads')
      .set({ status: 'verifying', completed_at: new Date(), sha256: expected })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!claimed) throw new AppError('CONFLICT', 'This upload is already being completed.');
    try {
      await storage.completeMultipart(upload.storage_key, upload.s3_upload_id, id, parts);
    } catch (error) {
      await db
        .updateTable('uploads')
        .set({ status: 'pending', completed_at: null, sha256: upload.sha256 })
        .where('id', '=', id)
        .execute();
      throw new AppError(
        'VALIDATION',
        'The storage refused to assemble these parts; check the ETags.',
        { cause: error },
      );
    }
    this.deps.background.run(`verify upload ${id}`, () => this.verify(id));
    return this.describe({ ...upload, status: 'verifying', sha256: expected });
  }

  /** Checks size and sha256 of the assembled object; flips dependent videos to ready or failed. */
  async verify(id: string): Promise<void> {
    const { db, storage } = this.deps;
    const upload = await repo.uploadOf(db, id);
    if (!upload || upload.status !== 'verifying') return;
    const digest = await storage.digest(upload.storage_key).catch(() => undefined);
    const ok = digest?.sha256 === upload.sha256 && digest.bytes === Number(upload.bytes);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('uploads')
        .set({ status: ok ? 'verified' : 'failed' })
        .where('id', '=', id)
        .execute();
      if (!ok) await repo.releaseStorage(trx, upload.user_id, Number(upload.bytes));
      await markVideosForUpload(trx, id);
    });
    if (!ok) {
      this.deps.log.warn('upload failed verification', { uploadId: id });
      await storage.delete(upload.storage_key).catch(() => undefined);
    }
  }

  async abort(userId: string, id: string): Promise<void> {
    const { db, storage } = this.deps;
    const upload = await this.owned(userId, id);
    if (upload.status === 'aborted') return;
    if (upload.status !== 'pending' && upload.status !== 'failed') {
      throw new AppError(
        'CONFLICT',
        'A completed upload is removed with the video or asset using it.',
      );
    }
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('uploads')
        .set({ status: 'aborted' })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'failed'])
        .returning('status')
        .executeTakeFirst();
      if (done && upload.status === 'pending')
        await repo.releaseStorage(trx, userId, Number(upload.bytes));
    });
    await storage.abortMultipart(upload.storage_key, upload.s3_upload_id, id);
  }
}
