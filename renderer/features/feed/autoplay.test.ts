import { describe, expect, it } from 'vitest';
import { pickPlaying } from './autoplay';

describe('pickPlaying', () => {
  const order = ['a', 'b', 'c'];

  it('plays the card mostly in view', () => {
    expect(
      pickPlaying(
        new Map([
          ['a', 0.3],
          ['b', 0.9],
        ]),
        order,
      ),
    ).toBe('b');
  });

  it('plays nothing when no card is mostly in view', () => {
    expect(
      pickPlaying(
        new Map([
          ['a', 0.5],
          ['b', 0.5],
        ]),
        order,
      ),
    ).toBeNull();
    expect(pickPlaying(new Map(), order)).toBeNull();
  });

  it('breaks ties by feed order and ignores ids not in the feed', () => {
    expect(
      pickPlaying(
        new Map([
          ['z', 1],
          ['c', 1],
          ['b', 1],
        ]),
        order,
      ),
    ).toBe('b');
  });
});
