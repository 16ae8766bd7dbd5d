import { describe, expect, it } from 'vitest';
import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  loadHistory,
  parseHistory,
  record,
  redo,
  remapId,
  saveHistory,
  undo,
  type Command,
  type History,
} from './history';

const rename = (id: string, from: string, to: string): Command => ({
  label: 'Edit narration',
  forward: [{ op: 'segments.update', input: { id, patch: { text: to } } }],
  backward: [{ op: 'segments.update', input: { id, patch: { text: from } } }],
});

describe('undo/redo history', () => {
  it('undoes and redoes in order, and a new edit clears redo', () => {
    let h: History = EMPTY_HISTORY;
    h = record(h, rename('s1', 'a', 'b'));
    h = record(h, rename('s1', 'b', 'c'));
    const u1 = undo(h);
    expect(u1?.command.backward[0]?.input).toEqual({ id: 's1', patch: { text: 'b' } });
    const u2 = u1 && undo(u1.history);
    expect(u2?.command.backward[0]?.input).toEqual({ id: 's1', patch: { text: 'a' } });
    expect(u2 && undo(u2.history)).toBeNull();
    const r1 = u2 && redo(u2.history);
    expect(r1?.command.forward[0]?.input).toEqual({ id: 's1', patch: { text: 'b' } });
    expect(r1?.history.future).toHaveLength(1);
    const fresh = r1 && record(r1.history, rename('s1', 'b', 'x'));
    expect(fresh?.future).toEqual([]);
    expect(fresh && redo(fresh)).toBeNull();
  });

  it('keeps at least 100 steps and drops the oldest beyond the limit', () => {
    let h: History = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 25; i++)
      h = record(h, rename('s', String(i), String(i + 1)));
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(100);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]?.backward[0]?.input).toEqual({ id: 's', patch: { text: '25' } });
    let steps = 0;
    for (let u = undo(h); u; u = undo(u.history)) steps++;
    expect(steps).toBe(HISTORY_LIMIT);
  });

  it('merges quick edits of the same field into one step', () => {
    const typed = (from: string, to: string, at: number): Command => ({
      ...rename('s1', from, to),
      mergeKey: 's1.text',
      at,
    });
    let h = record(EMPTY_HISTORY, typed('', 'h', 1000));
    h = record(h, typed('h', 'he', 1200));
    h = record(h, typed('he', 'hey', 1400));
    expect(h.past).toHaveLength(1);
    expect(h.past[0]?.backward[0]?.input).toEqual({ id: 's1', patch: { text: '' } });
    expect(h.past[0]?.forward[0]?.input).toEqual({ id: 's1', patch: { text: 'hey' } });
    // A pause, or another field, starts a new step.
    h = record(h, typed('hey', 'hey!', 9000));
    h = record(h, { ...rename('s2', 'a', 'b'), mergeKey: 's2.text', at: 9100 });
    expect(h.past).toHaveLength(3);
  });

  it('renames an id everywhere after a deleted segment comes back under a new id', () => {
    const h = record(record(EMPTY_HISTORY, rename('old', 'a', 'b')), {
      label: 'Reorder',
      forward: [{ op: 'segments.reorder', input: { projectId: 'p', order: ['x', 'old'] } }],
      backward: [{ op: 'segments.reorder', input: { projectId: 'p', order: ['old', 'x'] } }],
    });
    const mapped = remapId(h, 'old', 'new');
    expect(JSON.stringify(mapped)).not.toContain('"old"');
    expect(mapped.past[1]?.forward[0]?.input).toEqual({ projectId: 'p', order: ['x', 'new'] });
    expect(mapped.past[0]?.forward[0]?.input).toEqual({ id: 'new', patch: { text: 'b' } });
  });

  it('survives a round trip through storage, and a corrupt entry is an empty history', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const h = record(EMPTY_HISTORY, rename('s1', 'a', 'b'));
    saveHistory(storage, 'p1', h);
    expect(loadHistory(storage, 'p1')).toEqual(h);
    expect(loadHistory(storage, 'other')).toEqual(EMPTY_HISTORY);
    expect(parseHistory('{not json')).toEqual(EMPTY_HISTORY);
    expect(parseHistory('{"past":3}')).toEqual(EMPTY_HISTORY);
  });
});
