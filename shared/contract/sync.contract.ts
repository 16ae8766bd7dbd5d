/**
 * `sync.*`: the upload queue (outbox) and publishing, with progress and connectivity events.
 *
 * Items survive a killed process: each finished part is persisted with the server's upload id,
 * so a restart resumes from the first missing part, and a publish carries one Idempotency-Key for
 * its whole life, so re-running it never creates two videos.
 */
import { z } from 'zod';
import { AssetType } from '../api/assets.api';
import { Visibility } from '../api/videos.api';
import { PublicUser } from './account.contract';
import { event, operation } from './define';

/** What an item does once its uploads are complete. */
export const QueueItemKind = z.enum(['video', 'asset', 'avatar']);
export type QueueItemKind = z.infer<typeof QueueItemKind>;

/**
 * queued → initiating → uploading → completing → done; or failed (retryable: waits for
 * `nextAttemptAt`; permanent: waits for the user), paused, cancelled.
 */
export const QueueItemState = z.enum([
  'queued',
  'initiating',
  'uploading',
  'completing',
  'done',
  'failed',
  'paused',
  'cancelled',
]);
export type QueueItemState = z.infer<typeof QueueItemState>;

export const QueueFailure = z.object({
  /** Permanent failures are not retried on their own (bad request, file changed, forbidden). */
  permanent: z.boolean(),
  message: z.string(),
  /** The AppError code behind it. */
  code: z.string(),
});
export type QueueFailure = z.infer<typeof QueueFailure>;

/** What a finished item produced. */
export const QueueResult = z.object({
  videoId: z.string().optional(),
  assetId: z.string().optional(),
  /** The page or object URL to share. */
  shareUrl: z.string().optional(),
});
export type QueueResult = z.infer<typeof QueueResult>;

export const QueueItem = z.object({
  id: z.string(),
  kind: QueueItemKind,
  title: z.string(),
  /** The local project a video publish comes from; null for assets. */
  projectId: z.string().nullable(),
  state: QueueItemState,
  failure: QueueFailure.nullable(),
  attempts: z.number().int(),
  /** When a retryable failure is tried again (Unix ms); null when not waiting. */
  nextAttemptAt: z.number().nullable(),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
  result: QueueResult.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type QueueItem = z.infer<typeof QueueItem>;

/** The queue as a whole. */
export const QueueStatus = z.object({
  items: z.array(QueueItem),
  /** True after sync.pauseAll until sync.resumeAll. */
  paused: z.boolean(),
  /** False while the sync API cannot be reached (the queue waits and probes). */
  reachable: z.boolean(),
  serverUrl: z.string(),
});
export type QueueStatus = z.infer<typeof QueueStatus>;

export const SyncProgress = z.object({
  id: z.string(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  /** Bytes per second over the last few seconds. */
  rateBytesPerSecond: z.number(),
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: z.number().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

/** The local record of a published project. */
export const PublishedVideo = z.object({
  projectId: z.string(),
  videoId: z.string(),
  shareUrl: z.string(),
  publishedAt: z.number(),
});
export type PublishedVideo = z.infer<typeof PublishedVideo>;

const ItemRef = z.object({ id: z.string().min(1).max(100) }).strict();
const None = z.object({}).strict();

export const syncOperations = {
  'sync.list': operation({
    doc: 'Every queue item, newest first, with the queue’s paused and reachability state.',
    input: None,
    output: QueueStatus,
  }),
  'sync.get': operation({
    doc: 'One queue item.',
    input: ItemRef,
    output: QueueItem,
  }),
  'sync.pause': operation({
    doc: 'Pauses an item (parts in flight finish or are dropped; sent parts are kept).',
    input: ItemRef,
    output: QueueItem,
  }),
  'sync.resume': operation({
    doc: 'Resumes a paused item from its first missing part.',
    input: ItemRef,
    output: QueueItem,
  }),
  'sync.cancel': operation({
    doc: 'Cancels an item and aborts its server uploads; a published video is not touched.',
    input: ItemRef,
    output: QueueItem,
  }),
  'sync.retry': operation({
    doc: 'Tries a failed item again now (permanent failures too, e.g. after fixing the file).',
    input: ItemRef,
    output: QueueItem,
  }),
  'sync.pauseAll': operation({
    doc: 'Pauses the whole queue until sync.resumeAll.',
    input: None,
    output: QueueStatus,
  }),
  'sync.resumeAll': operation({
    doc: 'Resumes the queue and every paused item.',
    input: None,
    output: QueueStatus,
  }),
  'sync.cancelAll': operation({
    doc: 'Cancels every item not done yet.',
    input: None,
    output: QueueStatus,
  }),
  'sync.retryAll': operation({
    doc: 'Tries every failed item again now.',
    input: None,
    output: QueueStatus,
  }),
  'sync.checkServer': operation({
    doc: 'Asks the sync API now whether it answers (the offline banner’s “Check again”); the queue resumes at once when it does.',
    input: None,
    output: QueueStatus,
  }),
  'sync.clearFinished': operation({
    doc: 'Removes done and cancelled items from the list.',
    input: None,
    output: QueueStatus,
  }),
  'sync.publish': operation({
    doc: 'Queues the publish of a project’s last render (video + thumbnail → POST /v1/videos); one video per project publish, whatever crashes.',
    input: z
      .object({
        projectId: z.string().min(1).max(100),
        title: z.string().trim().min(1).max(120),
        description: z.string().max(2000).optional(),
        /** The prompt shown to others; default: the project's idea (when shared). */
        prompt: z.string().max(4000).optional(),
        /**
         * Whether others see the prompt (and Recreate starts from it). False publishes no prompt
         * at all: a remix then starts blank, keeping only the lineage.
         */
        sharePrompt: z.boolean().default(true),
        visibility: Visibility.default('public'),
        /** Lineage; defaults to the project's settings.remix.sourceVideoId. */
        sourceVideoId: z.uuid().optional(),
      })
      .strict(),
    output: QueueItem,
  }),
  'sync.publishAsset': operation({
    doc: 'Queues the publish of an image (a FileHandle id) as a public asset link (POST /v1/assets).',
    input: z
      .object({
        fileId: z.string().min(1).max(100),
        type: AssetType,
        title: z.string().trim().min(1).max(120),
      })
      .strict(),
    output: QueueItem,
  }),
  'sync.published': operation({
    doc: 'Whether a project was published, with the remote video id and share URL.',
    input: z.object({ projectId: z.string().min(1).max(100) }).strict(),
    output: z.object({ published: PublishedVideo.nullable() }),
  }),
};

export const syncEvents = {
  'sync.item': event({
    doc: 'A queue item was added or changed state (also on failure and completion).',
    payload: QueueItem,
  }),
  'sync.progress': event({
    doc: 'Upload progress of one item, a few times per second while it uploads.',
    payload: SyncProgress,
  }),
  'sync.session': event({
    doc: 'The session changed: signed in, or signed out (by the user, or because the server refused the refresh).',
    payload: z.object({
      signedIn: z.boolean(),
      user: PublicUser.nullable(),
      /** Why a session ended without the user asking; null otherwise. */
      reason: z.string().nullable(),
    }),
  }),
  'sync.connectivity': event({
    doc: 'The sync API became reachable or unreachable (the queue pauses while unreachable).',
    payload: z.object({ reachable: z.boolean(), serverUrl: z.string() }),
  }),
};
