/**
 * The segment list: select, drag-and-drop to reorder (and Move up/down buttons, for the
 * keyboard and screen readers), delete.
 */
import { useState } from 'react';
import type { Segment } from '../../../shared/contract/projects.contract';
import { formatDuration } from '../projects/project-format';

export function SegmentList(props: {
  segments: Segment[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onDelete: (id: string) => void;
}) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  return (
    <ol className="segment-list" aria-label="Segments">
      {props.segments.map((segment, i) => {
        const label = `Segment ${String(i + 1)}`;
        return (
          <li
            key={segment.id}
            data-testid="segment-item"
            data-segment-id={segment.id}
            className={`segment-item${segment.id === props.selectedId ? ' selected' : ''}${
              dropAt === i ? ' drop-target' : ''
            }`}
            draggable
            onDragStart={(e) => {
              setDragFrom(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', segment.id);
            }}
            onDragOver={(e) => {
              if (dragFrom === null) return;
              e.preventDefault();
              setDropAt(i);
            }}
            onDragLeave={() => setDropAt((at) => (at === i ? null : at))}
            onDrop={(e) => {
              e.preventDefault();
              if (dragFrom !== null) props.onMove(dragFrom, i);
              setDragFrom(null);
              setDropAt(null);
            }}
            onDragEnd={() => {
              setDragFrom(null);
              setDropAt(null);
            }}
          >
            <button
              type="button"
              className="segment-select"
              aria-pressed={segment.id === props.selectedId}
              onClick={() => props.onSelect(segment.id)}
            >
              <span className="segment-index">{i + 1}</span>
              <span className="segment-text">{segment.text || 'No narration'}</span>
              <span className="segment-duration small muted">
                {formatDuration(segment.durationMs)}
              </span>
            </button>
            <div className="segment-actions">
              <button
                type="button"
                className="ghost"
                aria-label={`Move ${label} up`}
                disabled={i === 0}
                onClick={() => props.onMove(i, i - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Move ${label} down`}
                disabled={i === props.segments.length - 1}
                onClick={() => props.onMove(i, i + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="ghost"
                aria-label={`Delete ${label}`}
                onClick={() => props.onDelete(segment.id)}
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
