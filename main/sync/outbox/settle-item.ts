/**
 * How an uploaded queue item settles once the server has checked its files (sha256 and size):
 * verified, it is done with its result and, for a video, its project recorded as published, in
 * one transaction; rejected, its failed uploads start afresh on the next attempt under a fresh
 * Idempotency-Key and what the server made from them is removed.
 */
import { randomUUID } from 'node:crypto';
import { assetsApi } from '../../../shared/api/assets.api';
import { videosApi } from '../../../shared/api/videos.api';
import type { QueueResult } from '../../../shared/contract/sync.contract';
import type { Logger } from '../../rpc/router';
import type { Store } from '../../store/db/store';
import type { OutboxRow, OutboxUploadRow } from '../../store/db/tables/outbox.table';
import type { CloudClient } from '../cloud/cloud-client';
import type { OrderedHasher } from './ordered-hasher';
import * as repo from './outbox.repository';

/** Marks the item done with `result`; a published video's project is recorded with it. */
export function markDone(store: Store, row: OutboxRow, result: QueueResult, now: number): void {
  store.transaction(() => {
    repo.setState(
      store,
      row.id,
      { status: 'done', result, lastError: null, errorCode: null, permanent: false },
      now,
    );
    if (row.kind === 'video' && row.project_id && result.videoId && result.shareUrl) {
      repo.recordPublished(
        store,
        {
          projectId: row.project_id,
          videoId: result.videoId,
          shareUrl: result.shareUrl,
          outboxId: row.id,
        },
        now,
      );
    }
  });
}

/** Drops the in-memory hash state of an item's uploads (all of them, or one role's). */
export function forgetHashers(
  hashers: Map<string, OrderedHasher>,
  itemId: number,
  role?: string,
): void {
  const prefix = role === undefined ? `${itemId}:` : `${itemId}:${role}:`;
  for (const key of hashers.keys()) if (key.startsWith(prefix)) hashers.delete(key);
}

export interface RejectContext {
  store: Store;
  client: CloudClient;
  log: Logger;
  hashers: Map<string, OrderedHasher>;
}

/**
 * After a failed verification: the `failed` uploads start afresh on a retry, under a fresh
 * Idempotency-Key, and the video or asset link the server made from them is removed (a removal
 * that fails is logged, not thrown: the item fails for its verification either way).
 */
export async function rejectUnverified(
  ctx: RejectContext,
  row: OutboxRow,
  result: QueueResult,
  failed: OutboxUploadRow[],
): Promise<void> {
  const { store } = ctx;
  store.transaction(() => {
    for (const upload of failed) {
      repo.setUpload(store, row.id, upload.role, {
        completed: 0,
        remote_upload_id: null,
        sha256: null,
      });
      repo.clearParts(store, row.id, upload.role);
      forgetHashers(ctx.hashers, row.id, upload.role);
    }
    repo.setIdempotencyKey(store, row.id, `rs-${randomUUID()}`);
  });
  try {
    if (result.videoId) await ctx.client.call(videosApi.delete, { id: result.videoId });
    if (result.assetId) await ctx.client.call(assetsApi.delete, { id: result.assetId });
  } catch (error) {
    ctx.log.warn(
      `sync: could not remove the unverified result of item ${row.id}: ${(error as Error).message}`,
    );
  }
}
