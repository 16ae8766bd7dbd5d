import { describe, expect, it } from 'vitest';
import type { Moment } from '../contract/montage.contract';
import {
  moveMoment,
  moveMomentTo,
  removeMoment,
  resizeMoment,
  swapMoment,
  totalSeconds,
} from './moment-edits';

function m(id: string, clipId: string, startS: number, endS: number, score: number): Moment {
  return { id, clipId, startS, endS, peakS: startS, score, reasons: ['loud burst'] };
}

const draft = {
  moments: [m('a1', 'a', 0, 4, 1), m('b1', 'b', 2, 6, 0.8), m('c1', 'c', 5, 9, 0.6)],
  alternates: [m('x', 'c', 20, 24, 0.7), m('a2', 'a', 10, 14, 0.5)],
};

describe('moment strip edits', () => {
  it('reorders within bounds', () => {
    expect(moveMoment(draft, 0, 1).moments.map((x) => x.id)).toEqual(['b1', 'a1', 'c1']);
    expect(moveMoment(draft, 0, -1)).toBe(draft);
  });

  it('moves a dragged moment to where it was dropped', () => {
    expect(moveMomentTo(draft, 2, 0).moments.map((x) => x.id)).toEqual(['c1', 'a1', 'b1']);
    expect(moveMomentTo(draft, 0, 2).moments.map((x) => x.id)).toEqual(['b1', 'c1', 'a1']);
    expect(moveMomentTo(draft, 0, 3)).toBe(draft);
  });

  it('removes into the alternates, best first', () => {
    const next = removeMoment(draft, 1);
    expect(next.moments.map((x) => x.id)).toEqual(['a1', 'c1']);
    expect(next.alternates.map((x) => x.id)).toEqual(['b1', 'x', 'a2']);
  });

  it('lengthens at the end, then at the start when the clip ends, and never below 1 s', () => {
    expect(resizeMoment(draft, 0, 0.5, 60).moments[0]).toMatchObject({ startS: 0, endS: 4.5 });
    expect(resizeMoment(draft, 2, 2, 10).moments[2]).toMatchObject({ startS: 4, endS: 10 });
    expect(resizeMoment(draft, 0, -10, 60).moments[0]).toMatchObject({ startS: 0, endS: 1 });
  });

  it('swaps for the best alternate of the same clip, else the best overall', () => {
    const swapped = swapMoment(draft, 0);
    expect(swapped.moments[0]?.id).toBe('a2');
    expect(swapped.alternates.map((x) => x.id)).toEqual(['a1', 'x']);
    expect(swapMoment(draft, 1).moments[1]?.id).toBe('x');
    expect(totalSeconds(draft.moments)).toBe(12);
  });
});
