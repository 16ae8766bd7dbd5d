/**
 * Picks a bundled font per run of script, so Arabic, Hebrew, Devanagari, Japanese/Chinese and
 * emoji shape with a font that has their glyphs on every machine, whatever fontconfig would
 * have guessed.
 */

/** Families shipped in `resources/fonts/` (see scripts/fonts.mjs). */
export const BUNDLED_FAMILIES = {
  latin: 'Noto Sans',
  arabic: 'Noto Sans Arabic',
  hebrew: 'Noto Sans Hebrew',
  devanagari: 'Noto Sans Devanagari',
  cjk: 'Noto Sans JP',
  emoji: 'Noto Emoji',
} as const;

type Script = Exclude<keyof typeof BUNDLED_FAMILIES, 'latin'>;

// Ranges on purpose include combining marks: they belong to the script's run.
/* eslint-disable no-misleading-character-class */
const RANGES: readonly [Script, RegExp][] = [
  ['arabic', /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u],
  ['hebrew', /[\u0590-\u05FF\uFB1D-\uFB4F]/u],
  ['devanagari', /[\u0900-\u097F\uA8E0-\uA8FF]/u],
  [
    'cjk',
    /[\u3000-\u303F\u3040-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u,
  ],
  ['emoji', /\p{Extended_Pictographic}/u],
];
/* eslint-enable no-misleading-character-class */

function scriptOf(char: string): Script | 'latin' | null {
  for (const [script, pattern] of RANGES) if (pattern.test(char)) return script;
  // Spaces, digits and punctuation belong to whatever run they sit in.
  if (/[\p{L}\p{M}]/u.test(char)) return 'latin';
  return null;
}

export interface FontRun {
  text: string;
  /** null: the style's own font. */
  family: string | null;
}

/** Splits text into runs that need a different font from the style's. */
export function fontRuns(text: string): FontRun[] {
  const runs: { text: string; script: Script | 'latin' | null }[] = [];
  for (const char of text) {
    const script = scriptOf(char);
    const last = runs.at(-1);
    if (last && (script === null || script === last.script || last.script === null)) {
      last.text += char;
      if (last.script === null) last.script = script;
    } else runs.push({ text: char, script });
  }
  return runs.map((run) => ({
    text: run.text,
    family: run.script === null || run.script === 'latin' ? null : BUNDLED_FAMILIES[run.script],
  }));
}
