import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats';

describe('bench stats', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(summarize([3, 1, 2])).toEqual({ p50: 2, p99: 3, mean: 2 });
  });
});
