import { describe, expect, it } from 'vitest';
import { momentaryLoudness } from './loudness';

function sine(frequency: number, amplitude: number, seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++)
    out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}

describe('loudness', () => {
  it('reads a 997 Hz sine at full scale as -3 LUFS (the BS.1770 reference), at any sample rate', () => {
    for (const rate of [16_000, 48_000]) {
      const curve = momentaryLoudness(sine(997, 1, 2, rate), rate);
      expect(curve.lufs[10]).toBeCloseTo(-3.01, 0);
      const quieter = momentaryLoudness(sine(997, 0.1, 2, rate), rate);
      expect(quieter.lufs[10]).toBeCloseTo(-23.01, 0);
    }
  });

  it('centres each window on its time, so a burst rises at its onset', () => {
    const rate = 16_000;
    const samples = new Float32Array(rate * 4);
    samples.set(sine(1000, 0.5, 1, rate), rate * 2);
    const curve = momentaryLoudness(samples, rate);
    expect(curve.lufs[15]).toBeLessThan(-100);
    expect(curve.lufs[20]).toBeGreaterThan(-20);
    expect(curve.lufs[25]).toBeGreaterThan(-10);
  });
});
