/**
 * `GET /v1/feed`: public videos by ranking score (README "Sync API"), newest-first tie-break by
 * id. The cursor carries the last (score, id) and the time of the first page, so videos published
 * while a client scrolls never shift the pages it has not read yet.
 */
import { Hono } from 'hono';
import { videosApi } from '../../../shared/api/videos.api';
import type { AppDeps, Env } from '../deps';
import { mount } from '../http/route';
import { toVideo } from '../videos/repository';
import { decodeCursor, encodeCursor, FeedCursor } from './cursor';
import { PageCache } from './page-cache';
import { feedPage } from './repository';

export function feedRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  const anonymous = new PageCache<Awaited<ReturnType<typeof load>>>();
  mount(router, videosApi.feed, async ({ c, auth, query }) => {
    if (auth) {
      c.header('Cache-Control', 'private, no-store');
      return load(c.var.deps, auth.userId, query);
    }
    c.header('Cache-Control', 'public, max-age=5');
    return anonymous.get(`${query.limit}:${query.cursor ?? ''}`, () =>
      load(c.var.deps, null, query),
    );
  });
  return router;
}

async function load(
  deps: AppDeps,
  viewerId: string | null,
  query: { cursor?: string | undefined; limit: number },
) {
  const { db, storage } = deps;
  const cursor = decodeCursor(query.cursor, FeedCursor);
  const asOf = cursor ? cursor.t : Date.now();
  const rows = await feedPage(
    db,
    viewerId,
    query.limit,
    cursor && { score: cursor.s, id: cursor.i, asOf: new Date(cursor.t) },
  );
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    videos: page.map((row) => toVideo(row, storage)),
    nextCursor:
      hasMore && last ? encodeCursor({ s: last.ranking_score, i: last.id, t: asOf }) : null,
    hasMore,
  };
}
