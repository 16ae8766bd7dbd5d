import { describe, expect, it } from 'vitest';
import { actionFor, nextShuttleRate, type KeyInput } from './keyboard';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  inField: false,
  ...extra,
});

describe('editor shortcuts', () => {
  it('maps Ctrl/Cmd+Z to undo and Ctrl/Cmd+Shift+Z or Ctrl+Y to redo', () => {
    expect(actionFor(key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(actionFor(key('z', { metaKey: true }))).toEqual({ type: 'undo' });
    expect(actionFor(key('Z', { metaKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(actionFor(key('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
    expect(actionFor(key('s', { ctrlKey: true }))).toBeNull();
  });

  it('maps space, J/K/L, arrows and Delete', () => {
    expect(actionFor(key(' '))).toEqual({ type: 'play-pause' });
    expect(actionFor(key('j'))).toEqual({ type: 'shuttle', direction: -1 });
    expect(actionFor(key('K'))).toEqual({ type: 'shuttle', direction: 0 });
    expect(actionFor(key('l'))).toEqual({ type: 'shuttle', direction: 1 });
    expect(actionFor(key('ArrowLeft'))).toEqual({ type: 'step-frames', frames: -1 });
    expect(actionFor(key('ArrowRight', { shiftKey: true }))).toEqual({
      type: 'step-frames',
      frames: 10,
    });
    expect(actionFor(key('Delete'))).toEqual({ type: 'delete-segment' });
    expect(actionFor(key('ArrowDown'))).toEqual({ type: 'select-segment', by: 1 });
  });

  it('never takes keys from someone typing in a field', () => {
    for (const k of [' ', 'j', 'l', 'Delete', 'Backspace', 'ArrowLeft']) {
      expect(actionFor(key(k, { inField: true }))).toBeNull();
    }
    // The field's own undo handles Ctrl+Z while typing.
    expect(actionFor(key('z', { ctrlKey: true, inField: true }))).toBeNull();
    expect(actionFor(key('l', { altKey: true }))).toBeNull();
  });

  it('speeds the shuttle up on repeated presses and stops on K', () => {
    expect(nextShuttleRate(0, 1)).toBe(1);
    expect(nextShuttleRate(1, 1)).toBe(2);
    expect(nextShuttleRate(8, 1)).toBe(8);
    expect(nextShuttleRate(2, -1)).toBe(-1);
    expect(nextShuttleRate(-4, -1)).toBe(-8);
    expect(nextShuttleRate(4, 0)).toBe(0);
  });
});
