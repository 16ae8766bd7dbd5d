/**
 * A publish as the publish screen tells it, derived from its queue item.
 */
import type { QueueItem } from '../account/cloud-api';

export type PublishPhase = 'uploading' | 'publishing' | 'done' | 'failed' | 'paused' | 'cancelled';

export interface PublishView {
  phase: PublishPhase;
  /** Heading text. */
  title: string;
  /** 0..100. */
  percent: number;
  shareUrl: string | null;
  videoId: string | null;
  /** Pause, resume, retry: what the primary control does now (null: nothing). */
  control: 'pause' | 'resume' | 'retry' | null;
  canCancel: boolean;
}

export function publishView(item: QueueItem): PublishView {
  const percent =
    item.bytesTotal > 0 ? Math.min(100, Math.floor((item.bytesDone / item.bytesTotal) * 100)) : 0;
  const shareUrl = item.result?.shareUrl ?? null;
  const videoId = item.result?.videoId ?? null;
  const base = { percent, shareUrl, videoId };
  switch (item.state) {
    case 'queued':
    case 'initiating':
      return {
        ...base,
        phase: 'uploading',
        title: 'Waiting to upload',
        control: 'pause',
        canCancel: true,
      };
    case 'uploading':
      return { ...base, phase: 'uploading', title: 'Uploading', control: 'pause', canCancel: true };
    case 'completing':
      return { ...base, phase: 'publishing', title: 'Publishing', control: null, canCancel: false };
    case 'done':
      return {
        ...base,
        percent: 100,
        phase: 'done',
        title: 'Published',
        control: null,
        canCancel: false,
      };
    case 'failed':
      return {
        ...base,
        phase: 'failed',
        title: item.permanent ? 'Publish failed' : 'Upload interrupted, retrying',
        control: 'retry',
        canCancel: true,
      };
    case 'paused':
      return { ...base, phase: 'paused', title: 'Paused', control: 'resume', canCancel: true };
    case 'cancelled':
      return { ...base, phase: 'cancelled', title: 'Cancelled', control: null, canCancel: false };
  }
}
