/**
 * `outbox`: the upload queue (migration 0005), one row per publish or upload, with its uploads
 * (`outbox_uploads`) and the parts each has sent (`outbox_parts`).
 */
import type { Generated, Selectable } from 'kysely';

export interface OutboxTable {
  id: Generated<number>;
  /** video | asset | avatar. */
  kind: string;
  title: Generated<string>;
  project_id: string | null;
  /** What the item does once uploaded (title, visibility, asset type...). */
  payload_json: string;
  /** Sent with the final POST, so re-running it after a crash never creates two. */
  idempotency_key: string;
  /** queued | initiating | uploading | completing | done | failed | paused | cancelled. */
  status: string;
  /** 1 when a failure will not pass by retrying. */
  permanent: Generated<number>;
  error_code: string | null;
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  result_json: string | null;
  created_at: number;
  updated_at: number;
}

export type OutboxRow = Selectable<OutboxTable>;

/** One file an item uploads (a video publish has `video` and `thumbnail`). */
export interface OutboxUploadTable {
  outbox_id: number;
  role: string;
  path: string;
  /** The server's upload kind (video, thumbnail, asset, avatar). */
  upload_kind: string;
  content_type: string;
  bytes: number;
  /** Size and mtime when queued: a changed file fails the item instead of publishing a mix. */
  mtime_ms: number;
  sha256: string | null;
  /** The server's upload id once initiated. */
  remote_upload_id: string | null;
  part_size: number | null;
  part_count: number | null;
  completed: Generated<number>;
}

export type OutboxUploadRow = Selectable<OutboxUploadTable>;

/** A part the server acknowledged, written as soon as it is. */
export interface OutboxPartTable {
  outbox_id: number;
  role: string;
  part_number: number;
  bytes: number;
  etag: string;
  done_at: number;
}

export type OutboxPartRow = Selectable<OutboxPartTable>;

/** A project published from this library. */
export interface PublishedVideoTable {
  project_id: string;
  video_id: string;
  share_url: string;
  outbox_id: number | null;
  published_at: number;
}
