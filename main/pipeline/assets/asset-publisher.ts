/**
 * Publishing an exported asset as a public link goes through the sync queue (uploads resume,
 * retry and charge nothing twice). The sync service implements this; the asset studio only
 * needs this much of it, so it works — minus publishing — without one.
 */
import type { AssetTypeId } from '../../../shared/presets/asset-types';

export interface AssetToPublish {
  /** The exported file on this machine. */
  path: string;
  /** `twitch_emote_112x112.png` */
  name: string;
  assetType: AssetTypeId;
  contentType: 'image/png' | 'image/jpeg';
}

export interface AssetPublisher {
  /**
   * Queues the upload to the server's `/v1/assets` and resolves with the public URL once it is
   * published; rejects with an AppError (UNAUTHORIZED when signed out, RATE_LIMITED, UPSTREAM).
   */
  publish(asset: AssetToPublish, signal?: AbortSignal): Promise<{ url: string }>;
}
