/**
 * The ranked public feed: keyset pagination over the `videos_feed` index.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';
import { selectVideos } from '../videos/repository';

export async function feedPage(
  db: DbOrTrx,
  viewerId: string | null,
  limit: number,
  after: { score: number; id: string; asOf: Date } | undefined,
) {
  let query = selectVideos(db, viewerId)
    .where('v.status', '=', 'ready')
    .where('v.visibility', '=', 'public')
    .orderBy('v.ranking_score', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit + 1);
  if (after) {
    query = query
      .where(sql<boolean>`(v.ranking_score, v.id) < (${after.score}, ${after.id}::uuid)`)
      .where('v.created_at', '<=', after.asOf);
  }
  return query.execute();
}
