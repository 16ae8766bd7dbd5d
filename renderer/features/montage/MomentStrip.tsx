/**
 * The montage as a strip of moments in playing order: each card shows a thumbnail, its clip's
 * loudness with the moment marked, why it was chosen, and the edit buttons. Cards reorder by
 * drag and drop, or from the keyboard (Alt+←/→ on a focused card; Delete removes).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ClipSummary, Moment } from '../../../shared/contract/montage.contract';

export interface StripActions {
  move: (index: number, by: -1 | 1) => void;
  moveTo: (from: number, to: number) => void;
  preview: (index: number) => void;
  resize: (index: number, deltaS: number) => void;
  swap: (index: number) => void;
  remove: (index: number) => void;
}

function LoudnessLine({ clip, moment }: { clip: ClipSummary | undefined; moment: Moment }) {
  if (clip?.status !== 'ok' || clip.durationS <= 0) return null;
  const width = 160;
  const height = 28;
  const x = (s: number) => (s / clip.durationS) * width;
  const values = clip.loudness;
  const points = values
    .map((v, i) => {
      const y = height - Math.max(0, Math.min(1, (v + 60) / 55)) * height;
      return `${x(i * 0.5).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return (
    <svg className="loudness" width={width} height={height} aria-hidden="true">
      <rect
        x={x(moment.startS)}
        y={0}
        width={Math.max(2, x(moment.endS) - x(moment.startS))}
        height={height}
        className="loudness-window"
      />
      {values.length > 1 && <polyline points={points} className="loudness-line" />}
    </svg>
  );
}

export function MomentStrip(props: {
  moments: Moment[];
  clips: ClipSummary[];
  names: Map<string, string>;
  /** Thumbnail data URLs by moment id. */
  thumbnails: ReadonlyMap<string, string>;
  canSwap: boolean;
  actions: StripActions;
}) {
  const { moments, actions } = props;
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  // After a keyboard move, focus follows the moved card.
  const [focusId, setFocusId] = useState<string | null>(null);
  const cards = useRef(new Map<string, HTMLLIElement>());
  useEffect(() => {
    if (focusId === null) return;
    cards.current.get(focusId)?.focus();
    setFocusId(null);
  }, [focusId, moments]);

  const onKey = (event: KeyboardEvent<HTMLLIElement>, i: number, id: string) => {
    if (event.target !== event.currentTarget) return;
    const earlier = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    const later = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    if (event.altKey && (earlier || later)) {
      event.preventDefault();
      actions.move(i, earlier ? -1 : 1);
      setFocusId(id);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      actions.remove(i);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      actions.preview(i);
    }
  };

  return (
    <ol className="moment-strip" aria-label="Moments">
      {moments.map((m, i) => {
        const name = props.names.get(m.clipId) ?? 'clip';
        const label = `${String(i + 1)}. ${name} ${m.startS.toFixed(1)}–${m.endS.toFixed(1)} s`;
        const thumb = props.thumbnails.get(m.id);
        return (
          <li
            key={m.id}
            ref={(el) => {
              if (el) cards.current.set(m.id, el);
              else cards.current.delete(m.id);
            }}
            className={`moment-card${dropAt === i && dragFrom !== i ? ' drop-target' : ''}${dragFrom === i ? ' dragging' : ''}`}
            data-testid="moment"
            aria-label={label}
            aria-roledescription="draggable moment"
            aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight Delete Enter"
            tabIndex={0}
            draggable
            onKeyDown={(e) => onKey(e, i, m.id)}
            onDragStart={(e) => {
              setDragFrom(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(i));
            }}
            onDragOver={(e) => {
              e.preventDefault();
              setDropAt(i);
            }}
            onDragLeave={() => setDropAt((at) => (at === i ? null : at))}
            onDrop={(e) => {
              e.preventDefault();
              const from = Number(e.dataTransfer.getData('text/plain'));
              if (Number.isInteger(from)) actions.moveTo(from, i);
              setDragFrom(null);
              setDropAt(null);
            }}
            onDragEnd={() => {
              setDragFrom(null);
              setDropAt(null);
            }}
          >
            <div className="moment-thumb">
              {thumb ? (
                <img
                  src={thumb}
                  alt={`Frame of ${name} at ${m.peakS.toFixed(1)} s`}
                  draggable={false}
                />
              ) : (
                <span className="muted small">…</span>
              )}
            </div>
            <div className="moment-head">
              <span className="moment-index">{i + 1}</span>
              <span className="clip-name" title={name}>
                {name}
              </span>
            </div>
            <LoudnessLine clip={props.clips.find((c) => c.clipId === m.clipId)} moment={m} />
            <div className="small" data-testid="moment-range">
              {m.startS.toFixed(1)}–{m.endS.toFixed(1)} s · {(m.endS - m.startS).toFixed(1)} s
            </div>
            <div className="reasons">
              {m.reasons.map((r) => (
                <span key={r} className={`chip chip-${r.replace(/\s+/g, '-')}`}>
                  {r}
                </span>
              ))}
            </div>
            <div className="moment-actions">
              <button
                type="button"
                className="ghost"
                aria-label={`Move ${label} earlier`}
                disabled={i === 0}
                onClick={() => actions.move(i, -1)}
              >
                ◀
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Move ${label} later`}
                disabled={i === moments.length - 1}
                onClick={() => actions.move(i, 1)}
              >
                ▶
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Shorten ${label}`}
                onClick={() => actions.resize(i, -0.5)}
              >
                −
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Lengthen ${label}`}
                onClick={() => actions.resize(i, 0.5)}
              >
                +
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Swap ${label}`}
                disabled={!props.canSwap}
                onClick={() => actions.swap(i)}
              >
                ⇄
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Preview ${label}`}
                onClick={() => actions.preview(i)}
              >
                ◎
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Remove ${label}`}
                onClick={() => actions.remove(i)}
              >
                ✕
              </button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
