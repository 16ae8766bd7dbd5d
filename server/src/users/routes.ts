/**
 * `/v1/users/:id`, its videos and likes, and `/v1/leaderboard`.
 */
import { Hono } from 'hono';
import { usersApi } from '../../../shared/api/users.api';
import { AppError } from '../../../shared/errors';
import type { Env } from '../deps';
import { decodeCursor, encodeCursor, TimeCursor } from '../feed/cursor';
import { mount } from '../http/route';
import type { ObjectStorage } from '../storage/storage';
import { selectVideos, toVideo, type VideoRow } from '../videos/repository';
import { leaderboard, profileStats, type StatsRow } from './repository';

function toProfile(row: StatsRow, storage: ObjectStorage) {
  return {
    id: row.id,
    username: row.username,
    avatarUrl: row.avatar_key ? storage.readUrl(row.avatar_key) : null,
    createdAt: row.created_at.toISOString(),
    stats: {
      videos: row.videos,
      likes: row.likes,
      dislikes: row.dislikes,
      views: row.views,
      remixes: row.remixes,
      creatorScore: row.creator_score,
    },
  };
}

function page(rows: (VideoRow & { sort_at: Date })[], limit: number, storage: ObjectStorage) {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    videos: shown.map((row) => toVideo(row, storage)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.sort_at.getTime(), i: last.id }) : null,
    hasMore: rows.length > limit,
  };
}

export function usersRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  mount(router, usersApi.get, async ({ c, id }) => {
    const row = await profileStats(c.var.deps.db, id);
    if (!row) throw new AppError('NOT_FOUND', 'No such user.');
    return toProfile(row, c.var.deps.storage);
  });
  mount(router, usersApi.videos, async ({ c, id, auth, query }) => {
    const { db, storage } = c.var.deps;
    const after = decodeCursor(query.cursor, TimeCursor);
    let q = selectVideos(db, auth?.userId ?? null)
      .select('v.created_at as sort_at')
      .where('v.user_id', '=', id)
      .orderBy('v.created_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(query.limit + 1);
    if (auth?.userId !== id)
      q = q.where('v.status', '=', 'ready').where('v.visibility', '=', 'public');
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('v.created_at', '<', new Date(after.t)),
          eb.and([eb('v.created_at', '=', new Date(after.t)), eb('v.id', '<', after.i)]),
        ]),
      );
    }
    return page(await q.execute(), query.limit, storage);
  });
  mount(router, usersApi.liked, async ({ c, id, auth, query }) => {
    const { db, storage } = c.var.deps;
    const after = decodeCursor(query.cursor, TimeCursor);
    let q = selectVideos(db, auth?.userId ?? null)
      .innerJoin('reactions as liked', (join) =>
        join
          .onRef('liked.video_id', '=', 'v.id')
          .on('liked.user_id', '=', id)
          .on('liked.reaction', '=', 1),
      )
      .select('liked.updated_at as sort_at')
      .where('v.status', '=', 'ready')
      .where('v.visibility', '=', 'public')
      .orderBy('liked.updated_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(query.limit + 1);
    if (after) {
      q = q.where((eb) =>
        eb.or([
          eb('liked.updated_at', '<', new Date(after.t)),
          eb.and([eb('liked.updated_at', '=', new Date(after.t)), eb('v.id', '<', after.i)]),
        ]),
      );
    }
    return page(await q.execute(), query.limit, storage);
  });
  mount(router, usersApi.leaderboard, async ({ c, query }) => ({
    creators: (await leaderboard(c.var.deps.db, query.limit)).map((row) =>
      toProfile(row, c.var.deps.storage),
    ),
  }));
  return router;
}
