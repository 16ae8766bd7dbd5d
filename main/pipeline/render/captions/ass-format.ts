/**
 * Small ASS (Advanced SubStation Alpha) encoders: times, colours and escaped text.
 */
import { fontRuns } from './script-fonts';

/** `h:mm:ss.cc`, the only time form ASS knows (centiseconds). */
export function assTime(seconds: number): string {
  const cs = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const c = cs % 100;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(c).padStart(2, '0')}`;
}

/** `#RRGGBB[AA]` → ASS `&HAABBGGRR` (ASS alpha counts transparency, 00 = opaque). */
export function assColor(hex: string): string {
  const rr = hex.slice(1, 3);
  const gg = hex.slice(3, 5);
  const bb = hex.slice(5, 7);
  const alpha = hex.length === 9 ? 255 - parseInt(hex.slice(7, 9), 16) : 0;
  const aa = alpha.toString(16).padStart(2, '0');
  return `&H${aa}${bb}${gg}${rr}`.toUpperCase();
}

/** The colour part only, for `\1c` overrides (`&HBBGGRR&`). */
export function assInlineColor(hex: string): string {
  return `&H${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}&`.toUpperCase();
}

/** Text made inert for ASS: braces start override blocks and backslashes start tags. */
export function escapeAssText(text: string): string {
  return text
    .replace(/\\/g, '\u29F5')
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .replace(/\r?\n/g, '\\N');
}

/** Escaped text with `\fn` switches around runs of scripts the base font lacks. */
export function assTextWithFonts(text: string, baseFamily: string): string {
  return fontRuns(text)
    .map((run) =>
      run.family === null
        ? escapeAssText(run.text)
        : `{\\fn${run.family}}${escapeAssText(run.text)}{\\fn${baseFamily}}`,
    )
    .join('');
}
