/**
 * What the status-bar indicator and the panel's "all" buttons need from the queue list.
 */
import type { QueueAction, QueueItem, QueueState } from '../account/cloud-api';

const ACTIVE: readonly QueueState[] = ['queued', 'initiating', 'uploading', 'completing'];

export interface QueueSummary {
  active: number;
  paused: number;
  failed: number;
  /** Bytes done / total over active and paused items (0..1), or null when none. */
  fraction: number | null;
  /** Combined upload rate of active items, bytes per second. */
  rate: number;
  /** Short text for the status bar. */
  label: string;
}

export function summarizeQueue(items: readonly QueueItem[]): QueueSummary {
  let active = 0;
  let paused = 0;
  let failed = 0;
  let done = 0;
  let total = 0;
  let rate = 0;
  for (const item of items) {
    const isActive = ACTIVE.includes(item.state);
    if (isActive) {
      active += 1;
      rate += item.rate;
    }
    if (item.state === 'paused') paused += 1;
    if (item.state === 'failed') failed += 1;
    if (isActive || item.state === 'paused') {
      done += item.bytesDone;
      total += item.bytesTotal;
    }
  }
  const fraction = total > 0 ? Math.min(1, done / total) : null;
  const parts: string[] = [];
  if (active > 0)
    parts.push(
      `${String(active)} uploading${fraction === null ? '' : ` ${String(Math.floor(fraction * 100))}%`}`,
    );
  if (paused > 0) parts.push(`${String(paused)} paused`);
  if (failed > 0) parts.push(`${String(failed)} failed`);
  return { active, paused, failed, fraction, rate, label: parts.join(' · ') || 'No uploads' };
}

/** The per-item actions that make sense in an item's state. */
export function actionsFor(state: QueueState): QueueAction[] {
  switch (state) {
    case 'queued':
    case 'initiating':
    case 'uploading':
    case 'completing':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'failed':
      return ['retry', 'cancel'];
    case 'done':
    case 'cancelled':
      return [];
  }
}
