/**
 * The captions layer: word timings of every segment placed on the project's time line and
 * grouped into short cues (a few words each), as vertical-video captions are read.
 */
import type {
  CaptionCue,
  GeneratedSegment,
  MediaVersion,
  WordTiming,
} from '../../../../shared/contract/generate.contract';

/** Silence after each segment's voice before the next one starts. */
export const SEGMENT_GAP_SEC = 0.25;

/** The version a segment uses now: the active one, else the newest. */
export function currentVersion(versions: readonly MediaVersion[]): MediaVersion | undefined {
  return versions.find((v) => v.active) ?? versions.at(-1);
}

/** How long a segment lasts on screen: its current voice plus a short gap, else its planned length. */
export function segmentDuration(segment: GeneratedSegment): number {
  const voice = currentVersion(segment.voices)?.durationSec;
  return voice == null ? segment.plannedDurationSec : voice + SEGMENT_GAP_SEC;
}

/** Start time of every segment on the project time line. */
export function segmentStarts(segments: readonly GeneratedSegment[]): number[] {
  let t = 0;
  return segments.map((segment) => {
    const start = t;
    t += segmentDuration(segment);
    return start;
  });
}

/** Groups timed words into cues of at most `maxWords` words and `maxSec` seconds, breaking at sentence ends. */
export function buildCaptions(
  segments: readonly GeneratedSegment[],
  maxWords = 3,
  maxSec = 1.6,
): CaptionCue[] {
  const starts = segmentStarts(segments);
  const cues: CaptionCue[] = [];
  segments.forEach((segment, i) => {
    const offset = starts[i] ?? 0;
    let current: WordTiming[] = [];
    const flush = () => {
      const first = current[0];
      const last = current.at(-1);
      if (first && last) {
        cues.push({
          start: first.start,
          end: last.end,
          text: current.map((w) => w.word).join(' '),
          words: current,
        });
      }
      current = [];
    };
    for (const word of segment.words ?? []) {
      const placed = {
        word: word.word,
        start: round(offset + word.start),
        end: round(offset + word.end),
      };
      const first = current[0];
      if (first && (current.length >= maxWords || placed.end - first.start > maxSec)) flush();
      current.push(placed);
      if (/[.!?]$/.test(word.word)) flush();
    }
    flush();
  });
  return cues;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
