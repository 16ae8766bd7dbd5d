import { describe, expect, it } from 'vitest';
import { captionFrameTime } from './CaptionStylePreview';

const words = [
  { start: 1, end: 1.4 },
  { start: 1.5, end: 2 },
  { start: 4, end: 4.6 },
];

describe('captionFrameTime', () => {
  it('keeps the playhead when a word is on screen there', () => {
    expect(captionFrameTime(words, 1.7)).toBe(1.7);
  });

  it('moves to a little into the next word when none shows at the playhead', () => {
    expect(captionFrameTime(words, 0)).toBeCloseTo(1.05);
    expect(captionFrameTime(words, 2.5)).toBeCloseTo(4.05);
  });

  it('falls back to the last word after the captions end, and to t without words', () => {
    expect(captionFrameTime(words, 9)).toBeCloseTo(4.05);
    expect(captionFrameTime([], 3)).toBe(3);
  });
});
