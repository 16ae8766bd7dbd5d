import { describe, expect, it } from 'vitest';
import { estimateEta, formatBytes, formatEta, formatRate, fractionDone } from './progress-format';

describe('progress formatting', () => {
  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 ** 2)).toBe('50 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('formats speeds and idles', () => {
    expect(formatRate(2.5 * 1024 ** 2)).toBe('2.5 MB/s');
    expect(formatRate(0)).toBe('—');
    expect(formatRate(null)).toBe('—');
  });

  it('formats times', () => {
    expect(formatEta(0.2)).toBe('1 s');
    expect(formatEta(59)).toBe('59 s');
    expect(formatEta(185)).toBe('3 min 05 s');
    expect(formatEta(3720)).toBe('1 h 02 min');
    expect(formatEta(null)).toBe('—');
    expect(formatEta(Infinity)).toBe('—');
  });

  it('estimates time left and fraction', () => {
    expect(estimateEta(25, 100, 5)).toBe(15);
    expect(estimateEta(25, 100, 0)).toBeNull();
    expect(fractionDone(50, 200)).toBe(0.25);
    expect(fractionDone(300, 200)).toBe(1);
    expect(fractionDone(0, 0)).toBe(1);
  });
});
