/**
 * A scrolling list of video cards with infinite scroll (a sentinel near the end loads the next
 * cursor page; a button does the same for keyboards), autoplay and view counting.
 */
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useToasts } from '../../app/toasts';
import type { Video } from '../account/cloud-api';
import { describeCloudError } from '../account/cloud-errors';
import { EmptyState, ErrorState } from '../account/StateViews';
import {
  nextReaction,
  useReaction,
  useRecreate,
  useReportView,
  type useVideoList,
} from './queries';
import { flattenPages } from './reactions';
import { useFeedVisibility } from './use-feed-visibility';
import { VideoCard, VideoCardSkeleton } from './VideoCard';

export function VideoList(props: {
  query: ReturnType<typeof useVideoList>;
  signedIn: boolean;
  emptyTitle: string;
  emptyHint?: React.ReactNode;
  label: string;
}) {
  const { query } = props;
  const videos: Video[] = query.data ? flattenPages(query.data.pages) : [];
  const toasts = useToasts();
  const navigate = useNavigate();
  const reaction = useReaction();
  const report = useReportView();
  const recreate = useRecreate();
  const visibility = useFeedVisibility(
    videos.map((v) => v.id),
    (id) =>
      report.mutate(id, {
        onError: () => visibility.retryView(id),
      }),
  );

  const sentinel = useRef<HTMLDivElement | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (query.isPending)
    return (
      <div className="video-list" role="status" aria-label={`Loading ${props.label}`}>
        <VideoCardSkeleton />
        <VideoCardSkeleton />
      </div>
    );
  // A failed later page keeps the loaded cards and shows its error at the end instead.
  if (query.isError && !query.isFetchNextPageError)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (videos.length === 0)
    return <EmptyState title={props.emptyTitle}>{props.emptyHint}</EmptyState>;

  return (
    <div className="video-list" aria-label={props.label} role="feed" aria-busy={isFetchingNextPage}>
      {videos.map((video) => (
        <VideoCard
          key={video.id}
          video={video}
          signedIn={props.signedIn}
          playing={visibility.playing === video.id}
          cardRef={visibility.observe(video.id)}
          onReact={(clicked) =>
            reaction.mutate(
              { video, next: nextReaction(video, clicked) },
              {
                onError: (error) =>
                  toasts.show({
                    kind: 'error',
                    message: `Your reaction was not saved: ${describeCloudError(error).detail}`,
                  }),
              },
            )
          }
          recreating={recreate.isPending && recreate.variables === video.id}
          onRecreate={() =>
            recreate.mutate(video.id, {
              onSuccess: ({ projectId, promptShared }) => {
                toasts.show({
                  kind: 'success',
                  message: promptShared
                    ? `Remix of “${video.title}” created as a new local project with its prompt`
                    : `Remix of “${video.title}” created with a blank prompt (the creator did not share theirs); it stays linked to the original`,
                  action: { label: 'Open', run: () => void navigate(`/projects/${projectId}`) },
                });
              },
              onError: (error) =>
                toasts.show({ kind: 'error', message: describeCloudError(error).detail }),
            })
          }
        />
      ))}
      <div ref={sentinel} className="list-end">
        {query.isFetchNextPageError && (
          <ErrorState error={query.error} onRetry={() => void fetchNextPage()} />
        )}
        {hasNextPage ? (
          <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading more…' : 'Load more videos'}
          </button>
        ) : (
          <p className="muted small">You are all caught up.</p>
        )}
      </div>
    </div>
  );
}
