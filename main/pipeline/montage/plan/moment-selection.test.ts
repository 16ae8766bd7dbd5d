import { describe, expect, it } from 'vitest';
import type { Moment } from '../../../../shared/contract/montage.contract';
import { selectMoments } from './moment-selection';

function moment(clipId: string, startS: number, score: number, length = 4): Moment {
  return {
    id: `${clipId}@${String(startS)}`,
    clipId,
    startS,
    endS: startS + length,
    peakS: startS + 1,
    score,
    reasons: ['loud burst'],
  };
}

const limits = {
  minLengthS: 2,
  maxLengthS: 6,
  clipDurations: new Map([
    ['a', 60],
    ['b', 60],
    ['c', 60],
  ]),
};

describe('moment selection', () => {
  it('fills the target, spreads across clips, and plays in clip then time order', () => {
    const candidates = [
      moment('a', 0, 1),
      moment('a', 10, 0.95),
      moment('a', 20, 0.9),
      moment('a', 30, 0.85),
      moment('b', 5, 0.6),
      moment('c', 8, 0.5),
    ];
    const { chosen, alternates } = selectMoments(candidates, ['a', 'b', 'c'], 16, limits);
    expect(chosen.reduce((sum, m) => sum + m.endS - m.startS, 0)).toBe(16);
    expect(new Set(chosen.map((m) => m.clipId))).toEqual(new Set(['a', 'b', 'c']));
    expect(chosen.map((m) => m.clipId)).toEqual(['a', 'a', 'b', 'c']);
    expect(alternates.map((m) => m.score)).toEqual(
      [...alternates.map((m) => m.score)].sort((x, y) => y - x),
    );
  });

  it('shortens the last moment to land on the target, keeping its event', () => {
    const { chosen } = selectMoments(
      [moment('a', 0, 1), moment('b', 0, 0.9)],
      ['a', 'b'],
      6.5,
      limits,
    );
    const last = chosen.find((m) => m.clipId === 'b');
    expect(last && last.endS - last.startS).toBeCloseTo(2.5);
    expect(last && last.startS <= last.peakS && last.peakS <= last.endS).toBe(true);
  });

  it('lengthens the chosen moments when the rest is too short for another one', () => {
    const { chosen } = selectMoments(
      [moment('a', 0, 1), moment('b', 58, 0.9, 2), moment('c', 0, 0.1)],
      ['a', 'b', 'c'],
      7,
      { ...limits, minLengthS: 2 },
    );
    // 4 + 2 chosen, 1 s left: too short for a moment, so both grow; b grows backwards (clip ends at 60).
    expect(chosen.reduce((sum, m) => sum + m.endS - m.startS, 0)).toBeCloseTo(7);
    expect(chosen.every((m) => m.endS <= 60)).toBe(true);
    expect(chosen.map((m) => m.clipId)).toEqual(['a', 'b']);
  });
});
