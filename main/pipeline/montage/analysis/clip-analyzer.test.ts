import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { MomentOptions } from '../../../../shared/contract/montage.contract';
import { planMontage } from '../plan/montage-plan';
import { AnalysisCache } from './analysis-cache';
import { BatchAnalyzer } from './batch-analyzer';
import { analyzeClip } from './clip-analyzer';
import { CpuBudget } from './cpu-budget';
import { MediaHasher } from './media-hash';
import { UnusableClipError } from './media-probe';
import {
  EVENTS_CLIP,
  SILENT_CLIP,
  TOOLS,
  corruptClip,
  eventsClip,
  silentClip,
  variantClips,
  VFR_CUT_S,
} from '../testing/fixture-clips';

const tempDir = useTempDirs();
let dir = '';
let events = '';
let silent = '';
let corrupt = '';

beforeAll(() => {
  dir = tempDir();
  events = eventsClip(dir);
  silent = silentClip(dir);
  corrupt = corruptClip(dir);
});

const budget = () => new CpuBudget(1);

describe('clip analysis', () => {
  it('finds the loud burst and the hard cut within ±0.5 s and ranks them above silence', async () => {
    const analysis = await analyzeClip(TOOLS, events, { budget: budget() });
    expect(analysis.hasAudio).toBe(true);
    expect(analysis.durationS).toBeCloseTo(10, 0);
    const loud = analysis.events.filter((e) => e.kind === 'loud');
    expect(loud).toHaveLength(1);
    expect(Math.abs((loud[0]?.t ?? 0) - EVENTS_CLIP.burstS)).toBeLessThanOrEqual(0.5);
    const cuts = analysis.events.filter((e) => e.kind === 'cut');
    expect(cuts).toHaveLength(1);
    expect(Math.abs((cuts[0]?.t ?? 0) - EVENTS_CLIP.cutS)).toBeLessThanOrEqual(0.5);
    expect(analysis.work.decodedIntervals).toBe(0);

    const options = MomentOptions.parse({ lengthS: 2, minLengthS: 1, maxLengthS: 3, leadInS: 0.5 });
    const plan = planMontage([{ clipId: 'a', analysis }], 4, options);
    const ranked = [...plan.chosen, ...plan.alternates].sort((a, b) => b.score - a.score);
    const covering = (t: number) => ranked.findIndex((m) => m.startS <= t && m.endS >= t);
    const burst = covering(EVENTS_CLIP.burstS + 0.1);
    const cut = covering(EVENTS_CLIP.cutS + 0.05);
    const firstSteady = ranked.findIndex((m) => m.reasons[0] === 'steady');
    expect(ranked[burst]?.reasons).toContain('loud burst');
    expect(ranked[cut]?.reasons).toContain('scene change');
    expect(burst).toBeLessThan(firstSteady);
    expect(cut).toBeLessThan(firstSteady);
    expect(Math.abs((ranked[burst]?.peakS ?? 0) - EVENTS_CLIP.burstS)).toBeLessThanOrEqual(0.5);
    // The best moment of the 4 s montage is the burst.
    expect(plan.chosen.some((m) => m.reasons[0] === 'loud burst')).toBe(true);
  });

  it('analyses a clip without audio from its pictures, decoding a GOP where packets cannot place a cut', async () => {
    const analysis = await analyzeClip(TOOLS, silent, { budget: budget() });
    expect(analysis.hasAudio).toBe(false);
    expect(analysis.loudness).toBeNull();
    const cuts = analysis.events.filter((e) => e.kind === 'cut');
    expect(cuts).toHaveLength(1);
    expect(Math.abs((cuts[0]?.t ?? 0) - SILENT_CLIP.cutS)).toBeLessThanOrEqual(0.5);
    expect(analysis.cuts[0]?.located).toBe('decoded');
    expect(analysis.work.decodedIntervals).toBe(1);
  });

  it('reads VP9/Opus WebM, rotated and variable-frame-rate clips', async () => {
    const variants = variantClips(dir, events);
    const expected = [
      [variants.webm, EVENTS_CLIP.cutS],
      [variants.rotated, EVENTS_CLIP.cutS],
      [variants.vfr, VFR_CUT_S],
    ] as const;
    for (const [file, cutS] of expected) {
      const analysis = await analyzeClip(TOOLS, file, { budget: budget() });
      const loud = analysis.events.find((e) => e.kind === 'loud');
      const cut = analysis.events.find((e) => e.kind === 'cut');
      expect(Math.abs((loud?.t ?? -9) - EVENTS_CLIP.burstS), file).toBeLessThanOrEqual(0.5);
      expect(Math.abs((cut?.t ?? -9) - cutS), file).toBeLessThanOrEqual(0.5);
    }
  });

  it('refuses a corrupt file with a reason', async () => {
    await expect(analyzeClip(TOOLS, corrupt, { budget: budget() })).rejects.toBeInstanceOf(
      UnusableClipError,
    );
  });

  it('cancels: the AbortSignal kills ffmpeg and the call rejects with CANCELLED', async () => {
    const controller = new AbortController();
    const running = analyzeClip(TOOLS, events, { budget: budget(), signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('batch analysis', () => {
  it('skips the corrupt clip, analyses the rest in parallel, and caches per media hash', async () => {
    const cache = new AnalysisCache(tempDir());
    const analyzer = new BatchAnalyzer(TOOLS, new MediaHasher(), cache);
    const progress: number[] = [];
    const first = await analyzer.analyze([events, corrupt, silent], {
      cpuSlots: 2,
      onClipDone: (done) => progress.push(done),
    });
    expect(first.map((o) => o.status)).toEqual(['ok', 'skipped', 'ok']);
    expect(first[1]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/Unusable/),
    });
    expect(progress).toEqual([1, 2, 3]);
    const second = await analyzer.analyze([events, silent], { cpuSlots: 2 });
    expect(second.map((o) => o.status === 'ok' && o.cached)).toEqual([true, true]);
  });
});
