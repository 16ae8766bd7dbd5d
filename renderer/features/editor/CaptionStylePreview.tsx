/**
 * A real frame of the video with the chosen caption style, rendered by the same compiler as the
 * export (`render.frame`, proxy size) whenever the style changes: debounced, with a
 * loading state, and at the playhead (or the next word when no caption shows there).
 */
import { useEffect, useState } from 'react';
import type { TimelineInput } from '../../../shared/timeline';
import { useClient } from '../../platform/client-context';
import { fileUrl } from '../../platform/files';

/** Wait this long after the last change before rendering (clicking through presets). */
export const STYLE_PREVIEW_DEBOUNCE_MS = 300;

/** When to show: t if a word is on screen then, else the start of the next (or last) word. */
export function captionFrameTime(words: readonly { start: number; end: number }[], t: number) {
  if (words.some((w) => w.start <= t && t < w.end)) return t;
  const next = words.find((w) => w.start >= t) ?? words.at(-1);
  // A little into the word, so karaoke shows it highlighted.
  return next ? next.start + Math.min(0.05, (next.end - next.start) / 2) : t;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading'; url: string | null }
  | { kind: 'ready'; url: string; t: number }
  | { kind: 'failed'; message: string };

export function CaptionStylePreview(props: {
  timeline: TimelineInput | null;
  styleLabel: string;
  currentTime: number;
}) {
  const client = useClient();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [retry, setRetry] = useState(0);
  const captions = props.timeline?.captions;
  // Re-render for a change of style, not for every word edit or move of the playhead (the
  // player shows those): one ffmpeg run per style change.
  const captionsKey = captions ? JSON.stringify(captions.style ?? {}) : null;
  const { timeline, currentTime } = props;

  useEffect(() => {
    if (!timeline?.captions) {
      setState({ kind: 'idle' });
      return;
    }
    const t = captionFrameTime(timeline.captions.words, currentTime);
    let cancelled = false;
    setState((s) => ({ kind: 'loading', url: s.kind === 'ready' ? s.url : null }));
    const timer = setTimeout(() => {
      client
        .call('render.frame', { timeline, t, preset: 'proxy' })
        .then((handle) => {
          if (!cancelled) setState({ kind: 'ready', url: fileUrl(client, handle.id), t });
        })
        .catch((error: unknown) => {
          if (!cancelled)
            setState({
              kind: 'failed',
              message: error instanceof Error ? error.message : String(error),
            });
        });
    }, STYLE_PREVIEW_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The playhead is read when the style changes, not followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, captionsKey, retry]);

  if (!captions) return null;
  const url = state.kind === 'ready' || state.kind === 'loading' ? state.url : null;
  return (
    <figure
      className="caption-style-preview"
      data-testid="caption-style-preview"
      data-state={state.kind}
      aria-busy={state.kind === 'loading'}
    >
      <div className="caption-style-frame">
        {url ? (
          <img
            src={url}
            alt={`${props.styleLabel} captions on a rendered frame${
              state.kind === 'ready' ? ` at ${state.t.toFixed(1)} seconds` : ''
            }`}
          />
        ) : state.kind === 'failed' ? null : (
          <div className="player-empty muted small">Rendering…</div>
        )}
        {state.kind === 'loading' && (
          <span className="caption-style-loading small" role="status">
            Rendering {props.styleLabel}…
          </span>
        )}
      </div>
      {state.kind === 'failed' ? (
        <figcaption role="alert" className="bad small">
          Could not render the style preview: {state.message}{' '}
          <button
            type="button"
            className="secondary small-button"
            onClick={() => setRetry((n) => n + 1)}
          >
            Retry
          </button>
        </figcaption>
      ) : (
        <figcaption className="small muted">{props.styleLabel}, as it will be exported</figcaption>
      )}
    </figure>
  );
}
