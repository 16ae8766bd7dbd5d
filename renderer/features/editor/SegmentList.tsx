/**
 * The segment list: select, drag-and-drop to reorder (and Move up/down buttons, for the
 * keyboard and screen readers), delete. Rows are memoised: typing into one segment re-renders
 * that row only, which keeps 200-segment projects responsive.
 */
import { memo, useCallback, useRef, useState } from 'react';
import type { Segment } from '../../../shared/contract/projects.contract';
import { formatDuration } from '../projects/project-format';

type RowAction =
  | { type: 'select'; id: string }
  | { type: 'move'; from: number; to: number }
  | { type: 'delete'; id: string }
  | { type: 'drag-start'; index: number }
  | { type: 'drag-over'; index: number }
  | { type: 'drop'; index: number }
  | { type: 'drag-end' };

export function SegmentList(props: {
  segments: Segment[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onMove: (from: number, to: number) => void;
  onDelete: (id: string) => void;
}) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const latest = useRef({ props, dragFrom });
  latest.current = { props, dragFrom };
  // One stable callback for every row, reading the latest props.
  const act = useCallback((action: RowAction) => {
    const { props: p, dragFrom: from } = latest.current;
    switch (action.type) {
      case 'select':
        p.onSelect(action.id);
        break;
      case 'move':
        p.onMove(action.from, action.to);
        break;
      case 'delete':
        p.onDelete(action.id);
        break;
      case 'drag-start':
        setDragFrom(action.index);
        break;
      case 'drag-over':
        if (from !== null) setDropAt(action.index);
        break;
      case 'drop':
        if (from !== null) p.onMove(from, action.index);
        setDragFrom(null);
        setDropAt(null);
        break;
      case 'drag-end':
        setDragFrom(null);
        setDropAt(null);
        break;
    }
  }, []);
  return (
    <ol className="segment-list" aria-label="Segments">
      {props.segments.map((segment, i) => (
        <SegmentRow
          key={segment.id}
          segment={segment}
          index={i}
          isLast={i === props.segments.length - 1}
          selected={segment.id === props.selectedId}
          dropTarget={dropAt === i}
          act={act}
        />
      ))}
    </ol>
  );
}

const SegmentRow = memo(function SegmentRow(props: {
  segment: Segment;
  index: number;
  isLast: boolean;
  selected: boolean;
  dropTarget: boolean;
  act: (action: RowAction) => void;
}) {
  const { segment, index: i, act } = props;
  const label = `Segment ${String(i + 1)}`;
  return (
    <li
      data-testid="segment-item"
      data-segment-id={segment.id}
      className={`segment-item${props.selected ? ' selected' : ''}${
        props.dropTarget ? ' drop-target' : ''
      }`}
      draggable
      onDragStart={(e) => {
        act({ type: 'drag-start', index: i });
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', segment.id);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        act({ type: 'drag-over', index: i });
      }}
      onDrop={(e) => {
        e.preventDefault();
        act({ type: 'drop', index: i });
      }}
      onDragEnd={() => act({ type: 'drag-end' })}
    >
      <button
        type="button"
        className="segment-select"
        aria-pressed={props.selected}
        onClick={() => act({ type: 'select', id: segment.id })}
      >
        <span className="segment-index">{i + 1}</span>
        <span className="segment-text">{segment.text || 'No narration'}</span>
        <span className="segment-duration small muted">{formatDuration(segment.durationMs)}</span>
      </button>
      <div className="segment-actions">
        <button
          type="button"
          className="ghost"
          aria-label={`Move ${label} up`}
          disabled={i === 0}
          onClick={() => act({ type: 'move', from: i, to: i - 1 })}
        >
          ↑
        </button>
        <button
          type="button"
          className="ghost"
          aria-label={`Move ${label} down`}
          disabled={props.isLast}
          onClick={() => act({ type: 'move', from: i, to: i + 1 })}
        >
          ↓
        </button>
        <button
          type="button"
          className="ghost"
          aria-label={`Delete ${label}`}
          onClick={() => act({ type: 'delete', id: segment.id })}
        >
          ✕
        </button>
      </div>
    </li>
  );
});
