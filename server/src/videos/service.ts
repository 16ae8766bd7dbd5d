/**
 * Publishing and the social actions on one video. Counters change in the same transaction as
 * the reaction, view or report rows they count.
 */
import { sql } from 'kysely';
import type { Reaction, Video } from '../../../shared/api/videos.api';
import { AppError } from '../../../shared/errors';
import type { AppDeps } from '../deps';
import {
  bumpCounters,
  markVideosForUpload,
  REACTION_VALUES,
  selectVideos,
  toVideo,
} from './repository';

export interface PublishInput {
  videoUploadId: string;
  thumbnailUploadId: string;
  title: string;
  description?: string | undefined;
  prompt?: string | undefined;
  durationSeconds: number;
  sourceVideoId?: string | undefined;
  visibility: 'public' | 'unlisted';
}

export class VideosService {
  constructor(private readonly deps: AppDeps) {}

  /** A video the viewer may see: ready (public or unlisted), or any of their own. */
  async visible(id: string, viewerId: string | null): Promise<Video> {
    const row = await selectVideos(this.deps.db, viewerId)
      .where('v.id', '=', id)
      .executeTakeFirst();
    if (!row || (row.status !== 'ready' && row.user_id !== viewerId)) {
      throw new AppError('NOT_FOUND', 'No such video.');
    }
    return toVideo(row, this.deps.storage);
  }

  /** The caller's own video, 404 if missing, 403 if someone else's. */
  private async own(id: string, userId: string) {
    const row = await this.deps.db
      .selectFrom('videos')
      .select(['id', 'user_id', 'status'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No such video.');
    if (row.user_id !== userId)
      throw new AppError('FORBIDDEN', 'Only the creator may change this video.');
    return row;
  }

  async publish(userId: string, input: PublishInput): Promise<Video> {
    const { db } = this.deps;
    const uploads = await db
      .selectFrom('uploads')
      .select(['id', 'user_id', 'kind', 'status'])
      .where('id', 'in', [input.videoUploadId, input.thumbnailUploadId])
      .execute();
    const check = (id: string, kind: 'video' | 'thumbnail') => {
      const upload = uploads.find((u) => u.id === id);
      if (!upload || upload.user_id !== userId)
        throw new AppError('NOT_FOUND', `No such ${kind} upload.`);
      if (upload.kind !== kind) throw new AppError('VALIDATION', `Upload ${id} is not a ${kind}.`);
      if (upload.status !== 'verifying' && upload.status !== 'verified') {
        throw new AppError('CONFLICT', `Complete the ${kind} upload first.`);
      }
    };
    check(input.videoUploadId, 'video');
    check(input.thumbnailUploadId, 'thumbnail');
    if (input.sourceVideoId) await this.visible(input.sourceVideoId, userId);
    const used = await db
      .selectFrom('videos')
      .select('id')
      .where('video_upload_id', '=', input.videoUploadId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (used) throw new AppError('CONFLICT', 'This upload is already published.');
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('videos')
        .values({
          user_id: userId,
          title: input.title,
          description: input.description ?? null,
          prompt: input.prompt ?? null,
          video_upload_id: input.videoUploadId,
          thumbnail_upload_id: input.thumbnailUploadId,
          duration_seconds: input.durationSeconds,
          source_video_id: input.sourceVideoId ?? null,
          visibility: input.visibility,
          status: 'processing',
          ranking_score: sql<number>`reelsmith_rank(0, 0, 0, date_trunc('milliseconds', now()))`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await markVideosForUpload(trx, input.videoUploadId);
      return row.id;
    });
    return this.visible(id, userId);
  }

  async update(
    id: string,
    userId: string,
    patch: {
      title?: string | undefined;
      description?: string | null | undefined;
      visibility?: 'public' | 'unlisted' | undefined;
      unpublished?: boolean | undefined;
    },
  ): Promise<Video> {
    const video = await this.own(id, userId);
    const values: {
      title?: string;
      description?: string | null;
      visibility?: 'public' | 'unlisted';
      status?: 'unpublished' | 'processing';
    } = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.visibility !== undefined) values.visibility = patch.visibility;
    if (patch.unpublished === true) values.status = 'unpublished';
    if (patch.unpublished === false && video.status === 'unpublished') values.status = 'processing';
    await this.deps.db.transaction().execute(async (trx) => {
      if (Object.keys(values).length > 0)
        await trx.updateTable('videos').set(values).where('id', '=', id).execute();
      if (values.status === 'processing') {
        const row = await trx
          .selectFrom('videos')
          .select('video_upload_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await markVideosForUpload(trx, row.video_upload_id);
      }
    });
    return this.visible(id, userId);
  }

  async remove(id: string, userId: string): Promise<void> {
    await this.own(id, userId);
    await this.deps.db
      .updateTable('videos')
      .set({ deleted_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  async report(id: string, userId: string, reason: string): Promise<void> {
    await this.visible(id, userId);
    await this.deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('video_reports')
        .values({ video_id: id, user_id: userId, reason })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 0n)
        throw new AppError('CONFLICT', 'You already reported this video.');
      await trx
        .updateTable('videos')
        .set({ reports: sql`reports + 1` })
        .where('id', '=', id)
        .execute();
    });
  }

  /** Sets the caller's reaction; the row lock makes concurrent requests of one user serial. */
  async react(id: string, userId: string, reaction: Reaction) {
    await this.visible(id, userId);
    const next = REACTION_VALUES[reaction];
    return this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('reactions')
        .values({ video_id: id, user_id: userId, reaction: 0 })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const current = await trx
        .selectFrom('reactions')
        .select('reaction')
        .where('video_id', '=', id)
        .where('user_id', '=', userId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const before = current.reaction;
      if (before !== next) {
        await trx
          .updateTable('reactions')
          .set({ reaction: next, updated_at: new Date() })
          .where('video_id', '=', id)
          .where('user_id', '=', userId)
          .execute();
      }
      const likes = (next === 1 ? 1 : 0) - (before === 1 ? 1 : 0);
      const dislikes = (next === -1 ? 1 : 0) - (before === -1 ? 1 : 0);
      const counts =
        likes === 0 && dislikes === 0
          ? await trx
              .selectFrom('videos')
              .select(['likes', 'dislikes'])
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          : await bumpCounters(trx, id, { likes, dislikes });
      return { likes: counts.likes, dislikes: counts.dislikes, myReaction: reaction };
    });
  }

  /** Counts a view once per signed-in viewer, or anonymous session, per 24 hours. */
  async view(id: string, viewerId: string | null, sessionId: string) {
    const video = await this.visible(id, viewerId);
    const viewerKey = viewerId ? `u:${viewerId}` : `s:${sessionId}`;
    return this.deps.db.transaction().execute(async (trx) => {
      const counted = await sql<{ counted: boolean }>`
        insert into video_views as w (video_id, viewer_key, viewed_at) values (${id}, ${viewerKey}, now())
        on conflict (video_id, viewer_key) do update set viewed_at = now()
          where w.viewed_at < now() - interval '24 hours'
        returning true as counted`.execute(trx);
      if (counted.rows.length === 0) return { views: video.views, counted: false };
      const counts = await bumpCounters(trx, id, { views: 1 });
      return { views: counts.views, counted: true };
    });
  }

  /** What a remix starts from: the prompt (when shared) and the chain of sources. */
  async recreate(id: string, userId: string) {
    const video = await this.visible(id, userId);
    const lineage = await sql<{ id: string; title: string; user_id: string; username: string }>`
      with recursive chain(id, depth) as (
        select ${id}::uuid, 0
        union all
        select v.source_video_id, c.depth + 1 from chain c join videos v on v.id = c.id
        where v.source_video_id is not null and c.depth < 50
      )
      select v.id, v.title, v.user_id, u.username from chain c
      join videos v on v.id = c.id join users u on u.id = v.user_id
      where v.deleted_at is null order by c.depth`.execute(this.deps.db);
    return {
      sourceVideoId: video.id,
      title: video.title,
      prompt: video.prompt,
      durationSeconds: video.durationSeconds,
      lineage: lineage.rows.map((r) => ({
        id: r.id,
        title: r.title,
        userId: r.user_id,
        username: r.username,
      })),
    };
  }
}
