/**
 * The asset studio's `AssetPublisher` over the sync queue: the upload resumes and retries like
 * every other queue item, and the promise settles when the item is done (the public URL) or
 * failed for good (its message), or is cancelled.
 */
import type { AssetTypeName } from '../../../shared/api/assets.api';
import type { QueueItem } from '../../../shared/contract/sync.contract';
import type { AssetTypeId } from '../../../shared/presets/asset-types';
import { AppError } from '../../../shared/errors';
import type { AssetPublisher, AssetToPublish } from '../../pipeline/assets/asset-publisher';

/** The server's coarse asset kinds, by the studio's platform asset type. */
export function serverAssetType(type: AssetTypeId): AssetTypeName {
  if (type === 'twitch_emote') return 'emote';
  if (type === 'twitch_badge') return 'badge';
  if (type === 'youtube_thumbnail') return 'thumbnail';
  if (type === 'twitch_banner') return 'banner';
  if (type === 'twitch_panel') return 'panel';
  if (type === 'overlay' || type === 'twitch_offline') return 'overlay';
  return 'other';
}

export interface QueueForAssets {
  publishAsset(input: { path: string; type: AssetTypeName; title: string }): Promise<QueueItem>;
  /** Subscribes to queue item changes; returns the unsubscribe function. */
  onItem(listener: (item: QueueItem) => void): () => void;
}

/** Resolves once `item` (or a later state of it) is settled. */
function settled(item: QueueItem): { url: string } | AppError | null {
  if (item.state === 'done') {
    const url = item.result?.shareUrl;
    return url ? { url } : new AppError('UPSTREAM', `The server gave no link for ${item.title}.`);
  }
  if (item.state === 'cancelled') return new AppError('CANCELLED', `${item.title}: cancelled.`);
  if (item.state === 'failed' && item.failure?.permanent) {
    return new AppError('UPSTREAM', `${item.title}: ${item.failure.message}`);
  }
  return null;
}

export function queueAssetPublisher(queue: QueueForAssets): AssetPublisher {
  return {
    async publish(asset: AssetToPublish, signal?: AbortSignal): Promise<{ url: string }> {
      let id: string | null = null;
      const early: QueueItem[] = [];
      return new Promise<{ url: string }>((resolve, reject) => {
        const finish = (item: QueueItem): boolean => {
          const outcome = settled(item);
          if (!outcome) return false;
          stop();
          if (outcome instanceof AppError) reject(outcome);
          else resolve(outcome);
          return true;
        };
        const unsubscribe = queue.onItem((item) => {
          if (id === null) early.push(item);
          else if (item.id === id) finish(item);
        });
        const onAbort = () => {
          stop();
          reject(new AppError('CANCELLED', `Publishing ${asset.name} was cancelled.`));
        };
        const stop = () => {
          unsubscribe();
          signal?.removeEventListener('abort', onAbort);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue
          .publishAsset({
            path: asset.path,
            type: serverAssetType(asset.assetType),
            title: asset.name,
          })
          .then((item) => {
            id = item.id;
            if (finish(item)) return;
            for (const seen of early) if (seen.id === item.id && finish(seen)) return;
          })
          .catch((error: unknown) => {
            stop();
            reject(error instanceof Error ? error : new Error(String(error)));
          });
      });
    },
  };
}
