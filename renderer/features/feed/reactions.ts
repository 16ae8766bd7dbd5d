/**
 * Likes and dislikes: what a click means, and the optimistic counts shown before the server
 * answers (rolled back to the snapshot if it fails).
 */
import type { Reaction } from '../../../shared/api/videos.api';

export interface ReactionState {
  likes: number;
  dislikes: number;
  myReaction: Reaction;
}

/** Clicking the active button clears it; clicking the other one switches. */
export function reactionAfterClick(current: Reaction, clicked: 'like' | 'dislike'): Reaction {
  return current === clicked ? 'none' : clicked;
}

/** The counts after the caller's reaction changes to `next` (one reaction per user). */
export function applyReaction<T extends ReactionState>(state: T, next: Reaction): T {
  let { likes, dislikes } = state;
  if (state.myReaction === 'like') likes -= 1;
  if (state.myReaction === 'dislike') dislikes -= 1;
  if (next === 'like') likes += 1;
  if (next === 'dislike') dislikes += 1;
  return { ...state, likes: Math.max(0, likes), dislikes: Math.max(0, dislikes), myReaction: next };
}

/** A page of videos as the feed, profile and liked lists receive it. */
export interface VideoPageLike<V> {
  videos: V[];
  nextCursor: string | null;
}

/**
 * Applies `change` to every copy of one video across cached pages (a video may sit in the feed
 * and in a profile list at once); returns the same object when nothing matched.
 */
export function patchVideoInPages<V extends { id: string }, P extends VideoPageLike<V>>(
  pages: readonly P[],
  id: string,
  change: (video: V) => V,
): P[] {
  const holds = (page: P) => page.videos.some((v) => v.id === id);
  if (!pages.some(holds)) return pages as P[];
  return pages.map((page) =>
    holds(page) ? { ...page, videos: page.videos.map((v) => (v.id === id ? change(v) : v)) } : page,
  );
}

/**
 * Flattens pages into one list, keeping the first copy of each id: a video whose score changed
 * between two pages may appear on both (see README "Ranking").
 */
export function flattenPages<V extends { id: string }>(pages: readonly VideoPageLike<V>[]): V[] {
  const seen = new Set<string>();
  const out: V[] = [];
  for (const page of pages) {
    for (const video of page.videos) {
      if (seen.has(video.id)) continue;
      seen.add(video.id);
      out.push(video);
    }
  }
  return out;
}
