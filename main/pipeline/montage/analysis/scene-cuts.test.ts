import { describe, expect, it } from 'vitest';
import type { VideoPacket } from './media-probe';
import { strongestJump } from './scene-cuts';

/** 30 fps packets, a keyframe every 2 s, sizes from `size(t)`. */
function packets(seconds: number, size: (t: number) => number): VideoPacket[] {
  const out: VideoPacket[] = [];
  for (let f = 0; f < seconds * 30; f++) {
    const t = f / 30;
    const key = f % 60 === 0;
    out.push({ t, bytes: key ? 20_000 : size(t), key });
  }
  return out;
}

describe('placing cuts from packet sizes', () => {
  it('places a spike (cut to detailed content) on its frame', () => {
    const jump = strongestJump(
      packets(6, (t) => (Math.abs(t - 3) < 1e-6 ? 15_000 : 1_000)),
      2,
      4,
    );
    expect(jump?.t).toBeCloseTo(3, 3);
    expect(jump?.ratio).toBeGreaterThan(8);
  });

  it('places a step down (cut to flat content) on its first frame', () => {
    const jump = strongestJump(
      packets(6, (t) => (t < 3.1 ? 3_000 : 200)),
      2,
      4,
    );
    expect(jump?.t).toBeCloseTo(3.1, 2);
  });

  it('puts a cut on the closing keyframe when the GOP itself is steady', () => {
    const jump = strongestJump(
      packets(6, (t) => (t < 4 ? 3_000 : 150)),
      2,
      4,
    );
    expect(jump?.t).toBeCloseTo(4, 3);
  });
});
