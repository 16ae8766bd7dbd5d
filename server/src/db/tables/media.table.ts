/** Uploads and their parts, published videos, reactions, views, reports and assets. */
import type { ColumnType, Generated } from 'kysely';

type NullableDate = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface UploadsTable {
  id: Generated<string>;
  user_id: string;
  kind: 'video' | 'thumbnail' | 'avatar' | 'asset';
  content_type: string;
  bytes: ColumnType<string | number, number, number>;
  sha256: string;
  status: ColumnType<
    'pending' | 'verifying' | 'verified' | 'failed' | 'aborted',
    'pending' | undefined,
    'pending' | 'verifying' | 'verified' | 'failed' | 'aborted'
  >;
  storage_key: string;
  s3_upload_id: string | null;
  part_size: number;
  part_count: number;
  created_at: Generated<Date>;
  completed_at: NullableDate;
}

export interface UploadPartsTable {
  upload_id: string;
  part_number: number;
  etag: string;
  received_at: Generated<Date>;
}

export interface VideosTable {
  id: Generated<string>;
  user_id: string;
  title: string;
  description: string | null;
  prompt: string | null;
  video_upload_id: string;
  thumbnail_upload_id: string;
  duration_seconds: number;
  source_video_id: string | null;
  visibility: 'public' | 'unlisted';
  status: 'processing' | 'ready' | 'failed' | 'unpublished';
  likes: Generated<number>;
  dislikes: Generated<number>;
  views: Generated<number>;
  reports: Generated<number>;
  ranking_score: number;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  deleted_at: NullableDate;
}

export interface ReactionsTable {
  video_id: string;
  user_id: string;
  /** 1 like, -1 dislike, 0 none. */
  reaction: number;
  updated_at: Generated<Date>;
}

export interface VideoViewsTable {
  video_id: string;
  viewer_key: string;
  viewed_at: Generated<Date>;
}

export interface VideoReportsTable {
  video_id: string;
  user_id: string;
  reason: string;
  created_at: Generated<Date>;
}

export interface AssetsTable {
  id: Generated<string>;
  user_id: string;
  upload_id: string;
  type: string;
  title: string;
  created_at: Generated<Date>;
  deleted_at: NullableDate;
}
