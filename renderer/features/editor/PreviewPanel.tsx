/**
 * Preview: a player on the proxy render (re-proxied only when the timeline changed), a scrub
 * bar that shows the frame under the playhead (rendered on demand), and the current caption.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { RenderJob } from '../../../shared/contract/render.contract';
import type { TimelineInput } from '../../../shared/timeline';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { fileUrl } from '../../platform/files';
import { isFinished, useRenderJob } from './use-render-job';

export interface PreviewHandle {
  togglePlay(): void;
  shuttle(rate: number): void;
  step(frames: number): void;
}

interface Props {
  timeline: TimelineInput | null;
  /** A stable text of the timeline: a change means the proxy is out of date. */
  timelineKey: string;
  duration: number;
  currentTime: number;
  fps: number;
  caption: string;
  onTime: (t: number) => void;
}

export const PreviewPanel = forwardRef<PreviewHandle, Props>(function PreviewPanel(props, ref) {
  const client = useClient();
  const toasts = useToasts();
  const video = useRef<HTMLVideoElement>(null);
  const [proxyJob, setProxyJob] = useState<RenderJob | null>(null);
  const [proxyKey, setProxyKey] = useState<string | null>(null);
  const [frameUrl, setFrameUrl] = useState<string | null>(null);
  const [frameError, setFrameError] = useState<string | null>(null);
  const [frameRetry, setFrameRetry] = useState(0);
  const [playing, setPlaying] = useState(false);
  const rewind = useRef<number | null>(null);
  const { job, progress } = useRenderJob(proxyJob);
  const videoUrl =
    job?.status === 'done' && job.outputFileId ? fileUrl(client, job.outputFileId) : null;
  const stale = proxyKey !== props.timelineKey;

  const makeProxy = async () => {
    if (!props.timeline) return;
    try {
      setProxyKey(props.timelineKey);
      setProxyJob(await client.call('render.proxy', { timeline: props.timeline }));
    } catch (error) {
      setProxyKey(null);
      toasts.show({
        kind: 'error',
        message: `Preview failed: ${(error as Error).message}`,
        action: { label: 'Retry', run: () => void makeProxy() },
      });
    }
  };

  // The frame under the playhead, when there is no up-to-date proxy to show it.
  const { timeline, currentTime } = props;
  const showFrames = !videoUrl || stale;
  useEffect(() => {
    if (!showFrames || !timeline || playing) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      client
        .call('render.frame', {
          timeline,
          t: Math.max(0, currentTime),
          preset: 'proxy',
        })
        .then((handle) => {
          if (cancelled) return;
          setFrameError(null);
          setFrameUrl(fileUrl(client, handle.id));
        })
        .catch((error: unknown) => {
          if (cancelled) return;
          setFrameUrl(null);
          setFrameError(error instanceof Error ? error.message : String(error));
        });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, timeline, currentTime, showFrames, playing, frameRetry]);

  useEffect(() => {
    const v = video.current;
    if (v && !playing && Math.abs(v.currentTime - currentTime) > 0.02) v.currentTime = currentTime;
  }, [currentTime, playing]);

  const stopRewind = () => {
    if (rewind.current !== null) window.clearInterval(rewind.current);
    rewind.current = null;
  };
  useEffect(() => stopRewind, []);

  useImperativeHandle(ref, () => ({
    togglePlay() {
      const v = video.current;
      if (!v) return;
      stopRewind();
      if (v.paused) void v.play();
      else v.pause();
    },
    shuttle(rate: number) {
      const v = video.current;
      stopRewind();
      if (!v) return;
      if (rate === 0) {
        v.pause();
      } else if (rate > 0) {
        v.playbackRate = rate;
        void v.play();
      } else {
        v.pause();
        rewind.current = window.setInterval(() => {
          v.currentTime = Math.max(0, v.currentTime + rate * 0.1);
          props.onTime(v.currentTime);
        }, 100);
      }
    },
    step(frames: number) {
      const t = Math.min(props.duration, Math.max(0, props.currentTime + frames / props.fps));
      video.current?.pause();
      props.onTime(t);
    },
  }));

  const percent = progress ? Math.round(progress.percent) : 0;
  const busy = job !== null && !isFinished(job);
  return (
    <div className="panel preview-panel">
      <div className="tray-head">
        <h2>Preview</h2>
        <button
          type="button"
          className="secondary small-button"
          disabled={!props.timeline || busy || (!stale && videoUrl !== null)}
          onClick={() => void makeProxy()}
        >
          {busy
            ? `Rendering preview ${String(percent)}%`
            : stale
              ? 'Render preview'
              : 'Preview is up to date'}
        </button>
      </div>
      <div className="player">
        {videoUrl && !stale ? (
          <video
            ref={video}
            src={videoUrl}
            aria-label="Preview video"
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onTimeUpdate={(e) => {
              if (playing) props.onTime(e.currentTarget.currentTime);
            }}
          />
        ) : frameError ? (
          <div role="alert" className="player-empty small">
            <p>Could not show this frame: {frameError}</p>
            <button
              type="button"
              className="secondary small-button"
              onClick={() => setFrameRetry((n) => n + 1)}
            >
              Retry
            </button>
          </div>
        ) : frameUrl ? (
          <img src={frameUrl} alt={`Frame at ${props.currentTime.toFixed(1)} seconds`} />
        ) : (
          <div className="player-empty muted small">
            {props.timeline ? 'Rendering the frame…' : 'Nothing to preview yet.'}
          </div>
        )}
        {props.caption && <div className="player-caption">{props.caption}</div>}
      </div>
      {busy && (
        <progress className="wide" aria-label="Preview render progress" value={percent} max={100} />
      )}
      {job?.status === 'failed' && (
        <p role="alert" className="bad small">
          Preview failed: {job.error?.message}{' '}
          <button type="button" className="secondary small-button" onClick={() => void makeProxy()}>
            Retry
          </button>
        </p>
      )}
      <div className="row scrub">
        <button
          type="button"
          className="secondary small-button"
          aria-label={playing ? 'Pause' : 'Play'}
          disabled={!videoUrl || stale}
          onClick={() => {
            const v = video.current;
            if (v) {
              if (v.paused) void v.play();
              else v.pause();
            }
          }}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <input
          type="range"
          aria-label="Playhead"
          min={0}
          max={Math.max(0.1, props.duration)}
          step={1 / props.fps}
          value={Math.min(props.currentTime, props.duration)}
          onChange={(e) => props.onTime(Number(e.target.value))}
        />
        <span className="small muted time">
          {props.currentTime.toFixed(1)} / {props.duration.toFixed(1)} s
        </span>
      </div>
    </div>
  );
});
