import { describe, expect, it } from 'vitest';
import { ViewTracker } from './view-tracker';

describe('ViewTracker', () => {
  it('counts a card visible at 50% or more for 2 s, once', () => {
    const t = new ViewTracker();
    t.update('a', 0.5, 1000);
    expect(t.tick(2999)).toEqual([]);
    expect(t.tick(3000)).toEqual(['a']);
    expect(t.hasCounted('a')).toBe(true);
    // Still visible, scrolled away and back: never again this session.
    expect(t.tick(10_000)).toEqual([]);
    t.update('a', 0, 11_000);
    t.update('a', 1, 12_000);
    expect(t.tick(20_000)).toEqual([]);
  });

  it('ignores cards under half visible', () => {
    const t = new ViewTracker();
    t.update('a', 0.49, 0);
    expect(t.tick(60_000)).toEqual([]);
    expect(t.nextDueIn(60_000)).toBeNull();
  });

  it('needs the 2 s to be continuous', () => {
    const t = new ViewTracker();
    t.update('a', 0.9, 0);
    t.update('a', 0.2, 1500);
    t.update('a', 0.9, 1600);
    expect(t.tick(3000)).toEqual([]);
    expect(t.nextDueIn(3000)).toBe(600);
    expect(t.tick(3600)).toEqual(['a']);
  });

  it('keeps the first start time while the ratio changes above the threshold', () => {
    const t = new ViewTracker();
    t.update('a', 0.6, 0);
    t.update('a', 0.8, 1000);
    t.update('a', 1, 1900);
    expect(t.tick(2000)).toEqual(['a']);
  });

  it('tracks several cards independently and forgets removed ones', () => {
    const t = new ViewTracker();
    t.update('a', 1, 0);
    t.update('b', 0.7, 500);
    t.update('c', 1, 0);
    t.remove('c');
    expect(t.tick(2000)).toEqual(['a']);
    expect(t.tick(2500)).toEqual(['b']);
  });

  it('lets a failed report count again after forget()', () => {
    const t = new ViewTracker();
    t.update('a', 1, 0);
    expect(t.tick(2000)).toEqual(['a']);
    t.forget('a');
    t.update('a', 1, 3000);
    expect(t.tick(5000)).toEqual(['a']);
  });
});
