/**
 * Word timings without a transcription model: each word gets time in proportion to its
 * syllables (plus a pause after punctuation), scaled so the words fill the real audio length.
 */
import type { WordTiming } from '../../../../shared/contract/generate.contract';

/** A rough English syllable count (vowel groups, silent final e); at least 1, digits count per digit. */
export function countSyllables(word: string): number {
  const clean = word.toLowerCase().replace(/[^a-z0-9\u00c0-\u024f]/g, '');
  if (clean === '') return 1;
  if (/^\d+$/.test(clean)) return Math.max(1, clean.length * 1.5);
  const groups = clean.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').match(/[aeiouyà-ÿ]+/g);
  return Math.max(1, groups?.length ?? 1);
}

/** The weight of a word: its syllables, plus a pause for punctuation after it. */
function weight(word: string): { speak: number; pause: number } {
  const pause = /[.!?]$/.test(word) ? 1.2 : /[,;:]$/.test(word) ? 0.6 : 0;
  return { speak: countSyllables(word), pause };
}

/**
 * Spreads the words of `text` over `durationSec`, leaving `leadSec` of silence at each end
 * (speech engines pad their output a little).
 */
export function estimateWordTimings(
  text: string,
  durationSec: number,
  leadSec = 0.05,
): WordTiming[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0 || durationSec <= 0) return [];
  const lead = Math.min(leadSec, durationSec / 10);
  const weights = words.map(weight);
  const total = weights.reduce((sum, w) => sum + w.speak + w.pause, 0);
  const scale = (durationSec - 2 * lead) / total;
  let t = lead;
  return words.map((word, i) => {
    const w = weights[i] ?? { speak: 1, pause: 0 };
    const start = t;
    const end = start + w.speak * scale;
    t = end + w.pause * scale;
    return { word, start: round(start), end: round(Math.min(end, durationSec)) };
  });
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
