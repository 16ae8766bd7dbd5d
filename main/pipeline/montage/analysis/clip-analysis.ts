/**
 * The analysis of one clip: what the cache stores and the planner reads. Plain data (JSON).
 */
import type { HighlightEvent } from './highlight-events';
import type { MotionCurve } from './motion';
import type { SceneCut } from './scene-cuts';

/** Bump when detection changes, so cached analyses made by older code are redone. */
export const ANALYSIS_VERSION = 1;

export interface ClipAnalysis {
  version: number;
  durationS: number;
  hasAudio: boolean;
  video: { width: number; height: number; fps: number } | null;
  /** Momentary loudness (LUFS) every `hopS`; null without audio. */
  loudness: { hopS: number; lufs: number[] } | null;
  motion: MotionCurve | null;
  cuts: SceneCut[];
  events: HighlightEvent[];
  /** What the analysis decoded, for the benchmark and the curious. */
  work: { keyframes: number; decodedIntervals: number; unresolvedIntervals: number };
}
