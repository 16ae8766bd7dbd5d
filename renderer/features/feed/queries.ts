/**
 * Video lists (feed, a creator's videos, their likes) as infinite queries, and the reaction,
 * view and recreate mutations that keep every cached copy of a video in step.
 */
import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { useCloud } from '../account/cloud-context';
import type { Reaction, Video, VideoPage } from '../account/cloud-api';
import { applyReaction, patchVideoInPages, reactionAfterClick } from './reactions';

/** Every list of videos lives under this key, so one patch reaches them all. */
export const VIDEOS_KEY = ['cloud', 'videos'] as const;

export const videoKeys = {
  feed: [...VIDEOS_KEY, 'feed'] as const,
  user: (userId: string) => [...VIDEOS_KEY, 'user', userId] as const,
  liked: (userId: string) => [...VIDEOS_KEY, 'liked', userId] as const,
};

type Pages = InfiniteData<VideoPage, string | null>;

export function useVideoList(
  key: readonly unknown[],
  load: (cursor: string | null) => Promise<VideoPage>,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useFeed() {
  const cloud = useCloud();
  return useVideoList(videoKeys.feed, (cursor) => cloud.feed(cursor));
}

/** Applies `change` to the video `id` in every cached list; returns the previous data. */
function patchEverywhere(queryClient: QueryClient, id: string, change: (v: Video) => Video) {
  const snapshot = queryClient.getQueriesData<Pages>({ queryKey: VIDEOS_KEY });
  queryClient.setQueriesData<Pages>({ queryKey: VIDEOS_KEY }, (data) => {
    if (!data) return data;
    const pages = patchVideoInPages(data.pages, id, change);
    return pages === data.pages ? data : { ...data, pages };
  });
  return snapshot;
}

/**
 * Like/dislike with the counts changed at once, rolled back to the snapshot if the server
 * refuses, and set to the server's answer when it accepts.
 */
export function useReaction() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { video: Video; next: Reaction }) => cloud.react(vars.video.id, vars.next),
    onMutate: async ({ video, next }) => {
      await queryClient.cancelQueries({ queryKey: VIDEOS_KEY });
      return { snapshot: patchEverywhere(queryClient, video.id, (v) => applyReaction(v, next)) };
    },
    onError: (_error, _vars, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (result, { video }) => {
      patchEverywhere(queryClient, video.id, (v) => ({ ...v, ...result }));
    },
  });
}

/** What a click on like or dislike should send. */
export function nextReaction(video: Video, clicked: 'like' | 'dislike'): Reaction {
  return reactionAfterClick(video.myReaction, clicked);
}

/** Reports one view; the caller decides when (see `ViewTracker`). */
export function useReportView() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (videoId: string) => cloud.view(videoId),
    onSuccess: ({ views }, videoId) => {
      patchEverywhere(queryClient, videoId, (v) => ({ ...v, views }));
    },
  });
}

export function useRecreate() {
  const cloud = useCloud();
  return useMutation({ mutationFn: (videoId: string) => cloud.recreate(videoId) });
}
