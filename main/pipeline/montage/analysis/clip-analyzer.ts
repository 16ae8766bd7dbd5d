/**
 * Analyses one clip, choosing each method for speed:
 * - audio: decoded in full (cheap: mono, 16 kHz) → K-weighted momentary loudness → loud bursts;
 * - video: keyframes only (`-skip_frame nokey`, 64×36 grey) → whether a cut happened between
 *   two keyframes; packet sizes from ffprobe (no decoding) → where, and motion intensity;
 *   a GOP is decoded (thumbnail size) only when packets cannot place a cut, at most
 *   `maxDecodedIntervals` times per clip.
 * Every process runs under the shared CPU budget and dies with the AbortSignal.
 */
import { decodeMonoPcm } from './audio-decode';
import { ANALYSIS_VERSION, type ClipAnalysis } from './clip-analysis';
import type { CpuBudget } from './cpu-budget';
import { sampleFrames, type Thumb } from './frame-sampler';
import { cutEvents, loudEvents, motionEvents, type HighlightEvent } from './highlight-events';
import { blockPower, kWeight, loudnessFromBlocks } from './loudness';
import { probeClip, type ClipProbe } from './media-probe';
import { motionCurve } from './motion';
import { cutInFrames, locateCuts, type SceneCut } from './scene-cuts';

const ANALYSIS_SAMPLE_RATE = 16_000;
const LOUDNESS_HOP_S = 0.1;

export interface AnalyzerTools {
  ffmpeg: string;
  ffprobe: string;
}

export interface AnalyzeOptions {
  budget: CpuBudget;
  signal?: AbortSignal;
  /** GOPs decoded in full per clip to place cuts packets could not (default 4). */
  maxDecodedIntervals?: number;
}

export async function analyzeClip(
  tools: AnalyzerTools,
  file: string,
  options: AnalyzeOptions,
): Promise<ClipAnalysis> {
  const { budget, signal } = options;
  const probe = await budget.run(() => probeClip(tools.ffprobe, file, { signal }));
  const [audio, video] = await Promise.all([
    probe.hasAudio ? analyzeAudio(tools, file, options) : Promise.resolve(null),
    probe.video ? analyzeVideo(tools, file, probe, options) : Promise.resolve(null),
  ]);
  const events: HighlightEvent[] = [
    ...(audio?.events ?? []),
    ...cutEvents(video?.cuts ?? []),
    ...(video ? motionEvents(video.motion) : []),
  ].sort((a, b) => a.t - b.t);
  return {
    version: ANALYSIS_VERSION,
    durationS: probe.durationS,
    hasAudio: probe.hasAudio,
    video: probe.video,
    loudness: audio ? { hopS: LOUDNESS_HOP_S, lufs: audio.lufs } : null,
    motion: video?.motion ?? null,
    cuts: video?.cuts ?? [],
    events,
    work: {
      keyframes: video?.keyframes ?? 0,
      decodedIntervals: video?.decodedIntervals ?? 0,
      unresolvedIntervals: video?.unresolvedIntervals ?? 0,
    },
  };
}

async function analyzeAudio(tools: AnalyzerTools, file: string, options: AnalyzeOptions) {
  const pcm = await options.budget.run(() =>
    decodeMonoPcm(tools.ffmpeg, file, { sampleRate: ANALYSIS_SAMPLE_RATE, signal: options.signal }),
  );
  const power = blockPower(
    kWeight(pcm.samples, pcm.sampleRate),
    pcm.sampleRate,
    LOUDNESS_HOP_S / 2,
  );
  const curve = loudnessFromBlocks(power, LOUDNESS_HOP_S);
  return {
    lufs: Array.from(curve.lufs, (v) => Math.round(v * 10) / 10),
    events: loudEvents(curve, power),
  };
}

async function analyzeVideo(
  tools: AnalyzerTools,
  file: string,
  probe: ClipProbe,
  options: AnalyzeOptions,
) {
  const { budget, signal } = options;
  const keyframes: Thumb[] = await budget.run(() =>
    sampleFrames(tools.ffmpeg, file, { keyframesOnly: true, signal }),
  );
  const search = locateCuts(keyframes, probe.packets);
  const cuts: SceneCut[] = [...search.cuts];
  const frameS = 1 / Math.max(1, probe.video?.fps ?? 30);
  search.unresolved.sort((a, b) => b.strength - a.strength);
  const toDecode = search.unresolved.slice(0, options.maxDecodedIntervals ?? 4);
  const decoded = await Promise.all(
    toDecode.map(async (interval) => {
      const fromS = interval.fromS + 0.001;
      const frames = await budget.run(() =>
        sampleFrames(tools.ffmpeg, file, {
          keyframesOnly: false,
          fromS,
          durationS: interval.toS - fromS + 2 * frameS,
          signal,
        }),
      );
      // The keyframe opening the interval is already decoded: it lets a cut on the very next
      // frame be seen.
      const anchor = keyframes.find((k) => Math.abs(k.t - interval.fromS) < 1e-6);
      return cutInFrames(anchor ? [anchor, ...frames] : frames, interval.strength);
    }),
  );
  for (const cut of decoded) if (cut) cuts.push(cut);
  // Beyond the decode budget, packets' weaker hints still place a cut (to within a frame or
  // two when right; anywhere in the GOP when fooled by motion).
  for (const interval of search.unresolved.slice(toDecode.length)) {
    if (interval.fallbackS !== null) {
      cuts.push({ t: interval.fallbackS, strength: interval.strength, located: 'packets' });
    }
  }
  cuts.sort((a, b) => a.t - b.t);
  return {
    cuts,
    motion: motionCurve(probe.packets, keyframes, probe.durationS),
    keyframes: keyframes.length,
    decodedIntervals: toDecode.length,
    unresolvedIntervals: search.unresolved.length,
  };
}
