/**
 * How each kind of queue item is finished once its files are uploaded: one request, carrying
 * the item's Idempotency-Key where the API takes one (videos, asset links), so a retry never
 * publishes twice.
 */
import { assetsApi } from '../../../shared/api/assets.api';
import { meApi } from '../../../shared/api/me.api';
import { videosApi } from '../../../shared/api/videos.api';
import type { QueueResult } from '../../../shared/contract/sync.contract';
import { AppError } from '../../../shared/errors';
import type { OutboxRow, OutboxUploadRow } from '../../store/db/tables/outbox.table';
import type { CloudClient } from '../cloud/cloud-client';

/** The item's last request, carrying its Idempotency-Key where the API takes one. */
export async function finishItem(
  client: CloudClient,
  row: OutboxRow,
  uploads: OutboxUploadRow[],
  signal: AbortSignal,
): Promise<QueueResult> {
  const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
  const remote = (role: string): string => {
    const id = uploads.find((u) => u.role === role)?.remote_upload_id;
    if (!id) throw new AppError('INTERNAL', `The ${role} upload has no server id.`);
    return id;
  };
  switch (row.kind) {
    case 'video': {
      const video = await client.call(videosApi.create, {
        idempotencyKey: row.idempotency_key,
        body: {
          ...(payload as {
            title: string;
            durationSeconds: number;
            description?: string;
            prompt?: string;
            sourceVideoId?: string;
            visibility?: 'public' | 'unlisted';
          }),
          videoUploadId: remote('video'),
          thumbnailUploadId: remote('thumbnail'),
        },
        signal,
      });
      return { videoId: video.id, shareUrl: `${client.baseUrl()}/v/${video.id}` };
    }
    case 'asset': {
      const asset = await client.call(assetsApi.create, {
        idempotencyKey: row.idempotency_key,
        body: {
          uploadId: remote('asset'),
          type: payload.type as 'emote',
          title: row.title,
        },
        signal,
      });
      return { assetId: asset.id, shareUrl: asset.url };
    }
    case 'avatar': {
      await client.call(meApi.patch, { body: { avatarUploadId: remote('avatar') }, signal });
      return {};
    }
    default:
      throw new AppError('UNSUPPORTED', `Unknown queue item kind ${row.kind}.`);
  }
}
