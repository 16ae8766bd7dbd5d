/**
 * Undo/redo for a project: a list of commands, each the contract calls that do it and the
 * calls that undo it. Commands are plain data so the history can be stored (localStorage) and
 * survives a reload of the window.
 */
import type { OperationInput } from '../../../shared/contract';

/** A contract call an edit is made of. Only the operations edits use. */
export type EditCall =
  | { op: 'segments.update'; input: OperationInput<'segments.update'> }
  | { op: 'segments.reorder'; input: OperationInput<'segments.reorder'> }
  | { op: 'segments.delete'; input: OperationInput<'segments.delete'> }
  /** `restoresId`: the id the segment had before it was deleted (re-mapped after creation). */
  | { op: 'segments.create'; input: OperationInput<'segments.create'>; restoresId?: string }
  | { op: 'projects.update'; input: OperationInput<'projects.update'> }
  /** Which generated image/voice version a segment uses (regenerate and its undo). */
  | { op: 'generate.restore'; input: OperationInput<'generate.restore'> };

export interface Command {
  /** What the user did, for the Undo/Redo buttons ("Undo reorder"). */
  label: string;
  forward: EditCall[];
  backward: EditCall[];
  /** Edits with the same key made close together merge into one step (typing a sentence). */
  mergeKey?: string;
  /** When it was recorded (ms), for merging. */
  at?: number;
}

export interface History {
  past: Command[];
  future: Command[];
}

/** Steps kept; the oldest fall off. The issue asks for at least 100. */
export const HISTORY_LIMIT = 200;

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** Typing within this long of the previous keystroke in the same field stays one undo step. */
export const MERGE_WINDOW_MS = 1500;

/**
 * A new edit: it becomes the newest undo step and clears redo. When it continues the newest
 * step (same `mergeKey`, within the merge window) the two become one step that undoes to the
 * state before both.
 */
export function record(history: History, command: Command, limit = HISTORY_LIMIT): History {
  const previous = history.past.at(-1);
  if (
    previous?.mergeKey !== undefined &&
    previous.mergeKey === command.mergeKey &&
    previous.at !== undefined &&
    command.at !== undefined &&
    command.at - previous.at <= MERGE_WINDOW_MS &&
    history.future.length === 0
  ) {
    const merged = { ...command, backward: previous.backward };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  const past = [...history.past, command];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, future: [] };
}

/** The command to undo and the history after undoing it; null when there is nothing to undo. */
export function undo(history: History): { command: Command; history: History } | null {
  const command = history.past.at(-1);
  if (!command) return null;
  return {
    command,
    history: { past: history.past.slice(0, -1), future: [command, ...history.future] },
  };
}

/** The command to redo and the history after redoing it; null when there is nothing to redo. */
export function redo(history: History): { command: Command; history: History } | null {
  const command = history.future[0];
  if (!command) return null;
  return {
    command,
    history: { past: [...history.past, command], future: history.future.slice(1) },
  };
}

/**
 * Replaces an id everywhere in the history. Undoing a segment deletion re-creates the segment
 * under a new id; older steps that name the old id must name the new one.
 */
export function remapId(history: History, from: string, to: string): History {
  if (from === to) return history;
  const swap = (value: unknown): unknown => {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map(swap);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    }
    return value;
  };
  return swap(history) as History;
}

/** Reads a stored history; anything unreadable is an empty history (never a crash). */
export function parseHistory(text: string | null): History {
  if (!text) return EMPTY_HISTORY;
  try {
    const value = JSON.parse(text) as Partial<History>;
    if (Array.isArray(value.past) && Array.isArray(value.future)) {
      return { past: value.past, future: value.future };
    }
  } catch {
    // A corrupt entry only loses the history, not the project.
  }
  return EMPTY_HISTORY;
}

export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const keyFor = (projectId: string) => `reelsmith.history.${projectId}`;

export function loadHistory(storage: HistoryStorage, projectId: string): History {
  return parseHistory(storage.getItem(keyFor(projectId)));
}

export function saveHistory(storage: HistoryStorage, projectId: string, history: History): void {
  try {
    storage.setItem(keyFor(projectId), JSON.stringify(history));
  } catch {
    // Storage full: editing goes on, only the persisted history is stale.
  }
}
