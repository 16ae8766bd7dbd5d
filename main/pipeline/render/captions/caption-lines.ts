/**
 * Groups timed words into caption lines: at most N words, and a new line after a sentence ends
 * or the speaker pauses, so a line never spans a silence.
 */
import type { CaptionWord } from '../../../../shared/timeline';

export interface CaptionLine {
  start: number;
  end: number;
  words: CaptionWord[];
}

/** A pause this long (seconds) between words starts a new line. */
const PAUSE_S = 0.7;

export function groupCaptionLines(words: readonly CaptionWord[], maxWords: number): CaptionLine[] {
  const sorted = [...words].sort((a, b) => a.start - b.start);
  const lines: CaptionLine[] = [];
  let current: CaptionWord[] = [];
  const flush = () => {
    const first = current[0];
    const last = current.at(-1);
    if (first && last) lines.push({ start: first.start, end: last.end, words: current });
    current = [];
  };
  for (const word of sorted) {
    const previous = current.at(-1);
    if (previous && word.start - previous.end > PAUSE_S) flush();
    current.push(word);
    if (current.length >= maxWords || /[.!?。！？؟]$/.test(word.text)) flush();
  }
  flush();
  return lines;
}
