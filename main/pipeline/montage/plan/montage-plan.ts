/**
 * From analysed clips to a proposed montage: candidates per clip, then the selection that fills
 * the target duration.
 */
import type { Moment, MomentOptions } from '../../../../shared/contract/montage.contract';
import type { ClipAnalysis } from '../analysis/clip-analysis';
import { clipCandidates } from './moment-candidates';
import { selectMoments, type Selection } from './moment-selection';

export interface AnalysedClip {
  clipId: string;
  analysis: ClipAnalysis;
}

export function planMontage(
  clips: readonly AnalysedClip[],
  targetDurationS: number,
  options: MomentOptions,
): Selection {
  const candidates: Moment[] = [];
  for (const { clipId, analysis } of clips) {
    clipCandidates(clipId, analysis, options).forEach((draft, i) => {
      candidates.push({ ...draft, id: `${clipId}#${String(i)}` });
    });
  }
  return selectMoments(
    candidates,
    clips.map((c) => c.clipId),
    targetDurationS,
    {
      minLengthS: options.minLengthS,
      maxLengthS: options.maxLengthS,
      clipDurations: new Map(clips.map((c) => [c.clipId, c.analysis.durationS])),
    },
  );
}
