/**
 * One vertical video of the feed: plays muted while it is the card mostly in view, with the
 * creator, counts, like/dislike and Recreate.
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { Video } from '../account/cloud-api';

export interface VideoCardProps {
  video: Video;
  playing: boolean;
  cardRef?: (el: Element | null) => (() => void) | undefined;
  onReact: (clicked: 'like' | 'dislike') => void;
  onRecreate?: () => void;
  recreating?: boolean;
  signedIn: boolean;
}

function count(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function VideoCard(props: VideoCardProps) {
  const { video, playing } = props;
  const player = useRef<HTMLVideoElement | null>(null);

  useEffect(() => {
    const el = player.current;
    if (!el) return;
    if (playing) {
      el.muted = true;
      // Autoplay of a muted video is allowed; a refusal (e.g. a decoder missing) is harmless.
      el.play().catch(() => undefined);
    } else {
      el.pause();
    }
  }, [playing]);

  const liked = video.myReaction === 'like';
  const disliked = video.myReaction === 'dislike';
  return (
    <article
      className="video-card"
      ref={props.cardRef}
      data-testid="video-card"
      data-video-id={video.id}
      data-playing={playing}
      aria-label={`${video.title} by ${video.username}`}
    >
      <div className="video-frame">
        <video
          ref={player}
          src={video.videoUrl}
          poster={video.thumbnailUrl}
          muted
          loop
          playsInline
          preload="metadata"
          aria-label={`Video: ${video.title}`}
        />
        {video.status !== 'ready' && <span className="video-badge">{video.status}</span>}
      </div>
      <div className="video-meta">
        <h2 className="video-title">{video.title}</h2>
        <Link className="video-creator" to={`/profile/${video.userId}`}>
          @{video.username}
        </Link>
        {video.description && <p className="small muted video-description">{video.description}</p>}
        <p className="small muted">
          <span data-testid="view-count">{count(video.views, 'view')}</span>
          {video.sourceVideoId && ' · remix'}
        </p>
        <div className="video-actions">
          <button
            type="button"
            aria-pressed={liked}
            className={liked ? 'reaction active' : 'reaction'}
            aria-label={`Like (${String(video.likes)})`}
            title={props.signedIn ? 'Like' : 'Sign in to like'}
            disabled={!props.signedIn}
            onClick={() => props.onReact('like')}
          >
            <span aria-hidden="true">▲</span> <span data-testid="like-count">{video.likes}</span>
          </button>
          <button
            type="button"
            aria-pressed={disliked}
            className={disliked ? 'reaction active' : 'reaction'}
            aria-label={`Dislike (${String(video.dislikes)})`}
            title={props.signedIn ? 'Dislike' : 'Sign in to dislike'}
            disabled={!props.signedIn}
            onClick={() => props.onReact('dislike')}
          >
            <span aria-hidden="true">▼</span>{' '}
            <span data-testid="dislike-count">{video.dislikes}</span>
          </button>
          {props.onRecreate && (
            <button
              type="button"
              onClick={props.onRecreate}
              disabled={!props.signedIn || props.recreating}
              aria-label={`Recreate ${video.title}`}
              title={
                video.prompt === null
                  ? 'Start a new local project linked to this video (its prompt is not shared: you start blank)'
                  : "Start a new local project from this video's prompt"
              }
            >
              {props.recreating ? 'Creating…' : 'Recreate'}
            </button>
          )}
          {props.onRecreate && video.prompt === null && (
            <span className="small muted" data-testid="prompt-not-shared">
              Prompt not shared: a remix starts blank
            </span>
          )}
        </div>
      </div>
    </article>
  );
}

/** A card-shaped placeholder while the first page loads. */
export function VideoCardSkeleton() {
  return (
    <div className="video-card skeleton-card" aria-hidden="true">
      <div className="video-frame skeleton-block" />
      <div className="video-meta">
        <div className="skeleton-line" style={{ width: '70%' }} />
        <div className="skeleton-line" style={{ width: '40%' }} />
      </div>
    </div>
  );
}
