import { describe, expect, it } from 'vitest';
import { snapLengthsToBeats } from './beat-snap';

const grid = (bpm: number, first: number, until: number) => {
  const out: number[] = [];
  for (let t = first; t <= until; t += 60 / bpm) out.push(Math.round(t * 1000) / 1000);
  return out;
};

describe('snapping cuts to beats', () => {
  it('lands every cut on a beat, each length within half a beat of what was wanted', () => {
    const beats = grid(128, 0.1, 60);
    const segments = [3.1, 4.4, 2.2, 5].map((lengthS) => ({ lengthS, maxS: 10 }));
    const lengths = snapLengthsToBeats(segments, beats, 1.9);
    let t = 1.9;
    lengths.forEach((length, i) => {
      t += length;
      expect(beats.some((b) => Math.abs(b - t) < 1e-6)).toBe(true);
      expect(Math.abs(length - (segments[i]?.lengthS ?? 0))).toBeLessThanOrEqual(
        60 / 128 / 2 + 1e-6,
      );
    });
  });

  it('never asks a clip for more than it has, and continues the grid past the music', () => {
    const beats = grid(120, 0, 4);
    const lengths = snapLengthsToBeats(
      [
        { lengthS: 3, maxS: 2.2 },
        { lengthS: 3, maxS: 10 },
      ],
      beats,
      0,
    );
    expect(lengths[0]).toBe(2);
    expect(lengths[1]).toBe(3);
  });

  it('keeps the wanted lengths without beats', () => {
    expect(snapLengthsToBeats([{ lengthS: 3, maxS: 2 }], [], 0)).toEqual([2]);
  });
});
