import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { FFMPEG, clickTrack } from '../testing/fixture-clips';
import { beatsFromPcm, detectBeats } from './beat-detector';

const tempDir = useTempDirs();
let dir = '';
beforeAll(() => {
  dir = tempDir();
});

describe('beat detection', () => {
  it.each([120, 128, 95])(
    'finds %i BPM on a click track within 2 percent, its clicks within 20 ms',
    async (bpm) => {
      const firstS = 0.2;
      const grid = await detectBeats(FFMPEG, clickTrack(dir, bpm, 12, firstS));
      expect(Math.abs(grid.bpm - bpm) / bpm).toBeLessThanOrEqual(0.02);
      expect(grid.confidence).toBeGreaterThan(0.5);
      const period = 60 / bpm;
      expect(grid.beats.length).toBeGreaterThanOrEqual(Math.floor((12 - firstS) / period) - 1);
      for (const beat of grid.beats) {
        const k = Math.round((beat - firstS) / period);
        expect(Math.abs(beat - (firstS + k * period))).toBeLessThanOrEqual(0.02);
      }
    },
  );

  it('falls back to a flat grid with zero confidence on silence', () => {
    const grid = beatsFromPcm(new Float32Array(22_050 * 6), 22_050);
    expect(grid.confidence).toBe(0);
    expect(grid.beats[1]).toBeCloseTo(0.5);
  });
});
