/**
 * Creator profiles and stats. Creator score (README "Sync API"):
 * 3·likes − dislikes + 0.1·views + 5·remixes, over the creator's public, ready videos, where
 * remixes counts other creators' videos made from theirs.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';

export interface StatsRow {
  id: string;
  username: string;
  created_at: Date;
  avatar_key: string | null;
  videos: number;
  likes: number;
  dislikes: number;
  views: number;
  remixes: number;
  creator_score: number;
}

function statsQuery(where: ReturnType<typeof sql>, limit: number) {
  return sql<StatsRow>`
    with stats as (
      select v.user_id,
        count(*)::int as videos,
        coalesce(sum(v.likes), 0)::int as likes,
        coalesce(sum(v.dislikes), 0)::int as dislikes,
        coalesce(sum(v.views), 0)::int as views
      from videos v
      where v.status = 'ready' and v.visibility = 'public' and v.deleted_at is null
      group by v.user_id
    ), remixes as (
      select s.user_id, count(*)::int as remixes
      from videos r join videos s on s.id = r.source_video_id
      where r.deleted_at is null and r.status = 'ready' and r.user_id <> s.user_id
      group by s.user_id
    )
    select u.id, u.username, u.created_at, a.storage_key as avatar_key,
      coalesce(st.videos, 0) as videos, coalesce(st.likes, 0) as likes,
      coalesce(st.dislikes, 0) as dislikes, coalesce(st.views, 0) as views,
      coalesce(rm.remixes, 0) as remixes,
      (3 * coalesce(st.likes, 0) - coalesce(st.dislikes, 0) + 0.1 * coalesce(st.views, 0)
        + 5 * coalesce(rm.remixes, 0))::float8 as creator_score
    from users u
    left join stats st on st.user_id = u.id
    left join remixes rm on rm.user_id = u.id
    left join uploads a on a.id = u.avatar_upload_id and a.status = 'verified'
    where ${where}
    order by creator_score desc, u.id
    limit ${limit}`;
}

export async function profileStats(db: DbOrTrx, userId: string): Promise<StatsRow | undefined> {
  const result = await statsQuery(sql`u.id = ${userId}`, 1).execute(db);
  return result.rows[0];
}

export async function leaderboard(db: DbOrTrx, limit: number): Promise<StatsRow[]> {
  const result = await statsQuery(sql`st.videos > 0`, limit).execute(db);
  return result.rows;
}
