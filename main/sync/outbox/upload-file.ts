/**
 * One file of a queue item as a resumable multipart upload: create it on the server (without a
 * sha256), reconcile with `GET /v1/uploads/:id` (the server's record of received parts wins),
 * send the missing parts while hashing every part in order, then complete with the digest.
 *
 * The digest is stored in the outbox once every part was hashed, so a restart after that point
 * never reads the file again; a restart before it re-reads (but does not resend) the parts the
 * server already has, because a hash state cannot be persisted. Within one process the hasher
 * survives failed attempts, so a retry reads only what it sends and what was never hashed.
 */
import { uploadsApi, type Upload } from '../../../shared/api/uploads.api';
import { AppError } from '../../../shared/errors';
import type { Store } from '../../store/db/store';
import type { OutboxUploadRow } from '../../store/db/tables/outbox.table';
import type { CloudClient } from '../cloud/cloud-client';
import type { BandwidthLimiter } from './bandwidth';
import { OrderedHasher } from './ordered-hasher';
import * as repo from './outbox.repository';
import { runParts, type PlannedPart } from './part-scheduler';
import { putPart } from './part-sender';
import { checkUnchanged } from './source-file';

export interface UploadFileContext {
  store: Store;
  client: CloudClient;
  limiter: BandwidthLimiter;
  parallelParts: number;
  stallMs: number;
  /** Bytes that left for the server (progress). */
  onBytes: (bytes: number) => void;
  setStatus: (status: 'initiating' | 'uploading') => void;
  /**
   * Hashers kept across attempts in this process (key: item, role, server upload id), so a
   * retry after a network failure does not read again what was already hashed.
   */
  hashers: Map<string, OrderedHasher>;
}

export async function uploadFile(
  ctx: UploadFileContext,
  id: number,
  upload: OutboxUploadRow,
  signal: AbortSignal,
): Promise<void> {
  const { client, store } = ctx;
  await checkUnchanged(upload);
  let remoteId = upload.remote_upload_id;
  if (!remoteId) {
    ctx.setStatus('initiating');
    const created = await client.call(uploadsApi.create, {
      body: {
        kind: upload.upload_kind as Upload['kind'],
        contentType: upload.content_type,
        bytes: upload.bytes,
      },
      signal,
    });
    remoteId = created.uploadId;
    repo.setUpload(store, id, upload.role, {
      remote_upload_id: remoteId,
      part_size: created.partSize,
      part_count: created.parts.length,
      sha256: null,
    });
    repo.clearParts(store, id, upload.role);
  }
  ctx.setStatus('uploading');
  const status = await client.call(uploadsApi.get, { id: remoteId, signal });
  if (status.status === 'failed' || status.status === 'aborted') {
    // The server gave up on this upload (e.g. it failed verification): start a fresh one.
    ctx.hashers.delete(`${id}:${upload.role}:${remoteId}`);
    repo.setUpload(store, id, upload.role, { remote_upload_id: null, sha256: null });
    repo.clearParts(store, id, upload.role);
    throw new AppError(
      'UPSTREAM',
      `The server ${status.status} the upload of ${upload.path}; starting it again.`,
      { retryable: true, details: { status: 503 } },
    );
  }
  if (status.status === 'verifying' || status.status === 'verified') {
    repo.setUpload(store, id, upload.role, { completed: 1 });
    return;
  }
  // The server's record wins: it knows what it received, including parts whose
  // acknowledgement a killed process never saw.
  for (const part of status.received) {
    repo.recordPart(
      store,
      {
        outbox_id: id,
        role: upload.role,
        part_number: part.partNumber,
        bytes: partLength(status, part.partNumber),
        etag: part.etag,
      },
      Date.now(),
    );
  }
  const have = new Set(status.received.map((p) => p.partNumber));
  const local = repo.partsOf(store, id, upload.role);
  const s3 = status.parts.length > 0 && !status.parts[0]?.url.includes('/v1/storage/parts/');
  // Parts we sent to S3 but the server did not record yet: record them instead of resending.
  const unrecorded = local.filter((p) => !have.has(p.part_number));
  if (s3 && unrecorded.length > 0) {
    await client.call(uploadsApi.parts, {
      id: remoteId,
      body: { parts: unrecorded.map((p) => ({ partNumber: p.part_number, etag: p.etag })) },
      signal,
    });
    for (const p of unrecorded) have.add(p.part_number);
  }
  const urls = new Map(status.parts.map((p) => [p.partNumber, p.url]));
  const planned: PlannedPart[] = [];
  for (let partNumber = 1; partNumber <= status.partCount; partNumber++) {
    const url = have.has(partNumber) ? undefined : urls.get(partNumber);
    const part: PlannedPart = {
      partNumber,
      offset: (partNumber - 1) * status.partSize,
      length: partLength(status, partNumber),
    };
    if (url !== undefined) part.url = url;
    planned.push(part);
  }
  const known = repo.uploadsOf(store, id).find((u) => u.role === upload.role)?.sha256 ?? null;
  const hasherKey = `${id}:${upload.role}:${remoteId}`;
  let hasher: OrderedHasher | null = null;
  if (!known) {
    hasher = ctx.hashers.get(hasherKey) ?? new OrderedHasher(status.partCount);
    ctx.hashers.set(hasherKey, hasher);
  }
  const uploadId = remoteId;
  await runParts({
    path: upload.path,
    parts: planned,
    parallel: ctx.parallelParts,
    hasher,
    signal,
    check: () => checkUnchanged(upload),
    send: async (part, body, partSignal) => {
      const etag = await putPart(
        {
          path: upload.path,
          offset: part.offset,
          length: part.length,
          url: part.url,
          signal: partSignal,
          limiter: ctx.limiter,
          onBytes: ctx.onBytes,
          stallMs: ctx.stallMs,
        },
        body,
      );
      repo.recordPart(
        store,
        {
          outbox_id: id,
          role: upload.role,
          part_number: part.partNumber,
          bytes: part.length,
          etag,
        },
        Date.now(),
      );
      if (s3) {
        await client.call(uploadsApi.parts, {
          id: uploadId,
          body: { parts: [{ partNumber: part.partNumber, etag }] },
          signal: partSignal,
        });
      }
    },
  });
  const sha256 = known ?? hasher?.digest();
  if (!sha256) throw new AppError('INTERNAL', `No sha256 for ${upload.path}.`);
  if (!known) repo.setUpload(store, id, upload.role, { sha256 });
  ctx.hashers.delete(hasherKey);
  await checkUnchanged(upload);
  const parts = repo
    .partsOf(store, id, upload.role)
    .map((p) => ({ partNumber: p.part_number, etag: p.etag }));
  try {
    await client.call(uploadsApi.complete, { id: remoteId, body: { parts, sha256 }, signal });
  } catch (error) {
    // A completion that went through before a crash or a lost answer: check, do not fail.
    const again = await client.call(uploadsApi.get, { id: remoteId, signal });
    if (again.status !== 'verifying' && again.status !== 'verified') throw error;
  }
  repo.setUpload(store, id, upload.role, { completed: 1 });
}

function partLength(status: Upload, partNumber: number): number {
  return partNumber < status.partCount
    ? status.partSize
    : status.bytes - status.partSize * (status.partCount - 1);
}
