import { describe, expect, it } from 'vitest';
import { applyReaction, flattenPages, patchVideoInPages, reactionAfterClick } from './reactions';

describe('reactions', () => {
  it('toggles the clicked reaction and switches between like and dislike', () => {
    expect(reactionAfterClick('none', 'like')).toBe('like');
    expect(reactionAfterClick('like', 'like')).toBe('none');
    expect(reactionAfterClick('like', 'dislike')).toBe('dislike');
    expect(reactionAfterClick('dislike', 'dislike')).toBe('none');
  });

  it('moves one count per user', () => {
    const base = { id: 'v', likes: 3, dislikes: 1, myReaction: 'none' as const };
    const liked = applyReaction(base, 'like');
    expect(liked).toEqual({ id: 'v', likes: 4, dislikes: 1, myReaction: 'like' });
    const switched = applyReaction(liked, 'dislike');
    expect(switched).toEqual({ id: 'v', likes: 3, dislikes: 2, myReaction: 'dislike' });
    expect(applyReaction(switched, 'none')).toEqual(base);
  });

  it('never shows a negative count when the cache was stale', () => {
    expect(applyReaction({ likes: 0, dislikes: 0, myReaction: 'like' }, 'none')).toEqual({
      likes: 0,
      dislikes: 0,
      myReaction: 'none',
    });
  });

  it('patches a video in every page holding it and rolls back to the snapshot', () => {
    type V = { id: string; likes: number };
    const pages: { videos: V[]; nextCursor: string | null }[] = [
      { videos: [{ id: 'a', likes: 0 }], nextCursor: 'c1' },
      { videos: [{ id: 'b', likes: 5 }], nextCursor: null },
    ];
    const snapshot = pages;
    const next = patchVideoInPages(pages, 'b', (v: V) => ({ ...v, likes: v.likes + 1 }));
    expect(next[1]?.videos[0]?.likes).toBe(6);
    expect(next[0]).toBe(pages[0]);
    // The snapshot is untouched, so restoring it is the rollback.
    expect(snapshot[1]?.videos[0]?.likes).toBe(5);
    expect(patchVideoInPages(pages, 'zzz', (v) => v)).toBe(pages);
  });

  it('flattens pages without duplicates', () => {
    const pages = [
      { videos: [{ id: 'a' }, { id: 'b' }], nextCursor: 'x' },
      { videos: [{ id: 'b' }, { id: 'c' }], nextCursor: null },
    ];
    expect(flattenPages(pages).map((v) => v.id)).toEqual(['a', 'b', 'c']);
  });
});
