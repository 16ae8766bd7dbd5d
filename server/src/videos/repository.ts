/**
 * Video rows as the contract's `Video`, and the updates that keep counters and ranking scores in
 * the same transaction as the rows they count.
 */
import { sql } from 'kysely';
import type { Reaction, Video } from '../../../shared/api/videos.api';
import type { DbOrTrx } from '../db/database';
import type { ObjectStorage } from '../storage/storage';

const REACTION_NAMES: Record<number, Reaction> = { 1: 'like', [-1]: 'dislike', 0: 'none' };
export const REACTION_VALUES: Record<Reaction, number> = { like: 1, dislike: -1, none: 0 };

/** Videos joined with their creator and (signed in) the viewer's reaction. */
export function selectVideos(db: DbOrTrx, viewerId: string | null) {
  return db
    .selectFrom('videos as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select([
      'v.id',
      'v.title',
      'v.description',
      'v.prompt',
      'v.video_upload_id',
      'v.thumbnail_upload_id',
      'v.user_id',
      'u.username',
      'v.likes',
      'v.dislikes',
      'v.views',
      'v.ranking_score',
      'v.created_at',
      'v.status',
      'v.visibility',
      'v.source_video_id',
      'v.duration_seconds',
    ])
    .select(
      (viewerId
        ? sql<
            number | null
          >`(select r.reaction from reactions r where r.video_id = v.id and r.user_id = ${viewerId})`
        : sql<number | null>`null::smallint`
      ).as('reaction'),
    )
    .where('v.deleted_at', 'is', null);
}

type VideoQuery = ReturnType<typeof selectVideos>;
export type VideoRow = Awaited<ReturnType<VideoQuery['executeTakeFirstOrThrow']>>;

export function toVideo(row: VideoRow, storage: ObjectStorage): Video {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    prompt: row.prompt,
    videoUrl: storage.readUrl(`video/${row.video_upload_id}`),
    thumbnailUrl: storage.readUrl(`thumbnail/${row.thumbnail_upload_id}`),
    userId: row.user_id,
    username: row.username,
    likes: row.likes,
    dislikes: row.dislikes,
    views: row.views,
    rankingScore: row.ranking_score,
    createdAt: row.created_at.toISOString(),
    status: row.status,
    visibility: row.visibility,
    sourceVideoId: row.source_video_id,
    durationSeconds: row.duration_seconds,
    myReaction: REACTION_NAMES[row.reaction ?? 0] ?? 'none',
  };
}

/** Re-derives the status of processing videos using `uploadId` from their uploads' states. */
export async function markVideosForUpload(db: DbOrTrx, uploadId: string): Promise<void> {
  await sql`
    update videos v set status = case
        when vu.status = 'verified' and tu.status = 'verified' then 'ready'
        when vu.status in ('failed', 'aborted') or tu.status in ('failed', 'aborted') then 'failed'
        else 'processing' end
    from uploads vu, uploads tu
    where vu.id = v.video_upload_id and tu.id = v.thumbnail_upload_id
      and v.status = 'processing'
      and (v.video_upload_id = ${uploadId} or v.thumbnail_upload_id = ${uploadId})`.execute(db);
}

/** Applies counter deltas and recomputes the ranking score in one statement. */
export async function bumpCounters(
  db: DbOrTrx,
  videoId: string,
  delta: { likes?: number; dislikes?: number; views?: number },
) {
  const dl = delta.likes ?? 0;
  const dd = delta.dislikes ?? 0;
  const dv = delta.views ?? 0;
  return db
    .updateTable('videos')
    .set({
      likes: sql`likes + ${dl}`,
      dislikes: sql`dislikes + ${dd}`,
      views: sql`views + ${dv}`,
      ranking_score: sql`reelsmith_rank(likes + ${dl}, dislikes + ${dd}, views + ${dv}, created_at)`,
    })
    .where('id', '=', videoId)
    .returning(['likes', 'dislikes', 'views'])
    .executeTakeFirstOrThrow();
}
