/**
 * Builds the ASS script libass draws: the caption track (plain, karaoke word highlight or pop)
 * and title-card overlays, laid out at the timeline's design resolution (libass scales it to
 * the actual output, so proxies look like the real render).
 */
import type { Captions, Overlay } from '../../../../shared/timeline';
import { assColor, assInlineColor, assTextWithFonts, assTime } from './ass-format';
import { groupCaptionLines, type CaptionLine } from './caption-lines';

export interface AssInput {
  width: number;
  height: number;
  captions: Captions | undefined;
  overlays: readonly Overlay[];
  /** Family for titles without their own. */
  defaultFamily?: string;
}

const ALIGN = { bottom: 2, center: 5, top: 8 } as const;
const STYLE_FORMAT =
  'Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding';

interface StyleLine {
  name: string;
  family: string;
  size: number;
  fill: string;
  outline: string;
  back: string;
  bold: boolean;
  borderStyle: 1 | 3;
  outlineWidth: number;
  shadow: number;
  align: number;
  marginH: number;
  marginV: number;
}

function styleLine(s: StyleLine): string {
  return `Style: ${[
    s.name,
    s.family,
    Math.round(s.size),
    assColor(s.fill),
    assColor(s.fill),
    assColor(s.outline),
    assColor(s.back),
    s.bold ? -1 : 0,
    0,
    0,
    0,
    100,
    100,
    0,
    0,
    s.borderStyle,
    s.outlineWidth,
    s.shadow,
    s.align,
    s.marginH,
    s.marginH,
    s.marginV,
    // Encoding -1: libass picks each line's base direction from its text (Arabic, Hebrew: RTL).
    -1,
  ].join(',')}`;
}

function dialogue(start: number, end: number, style: string, text: string): string {
  return `Dialogue: 0,${assTime(start)},${assTime(end)},${style},,0,0,0,,${text}`;
}

/** Events for one caption line, one per word when a highlight follows the speech. */
function lineEvents(line: CaptionLine, captions: Captions): string[] {
  const { style } = captions;
  const family = style.fontFamily;
  const texts = line.words.map((w) => assTextWithFonts(w.text, family));
  if (style.highlight === 'none')
    return [dialogue(line.start, line.end, 'Caption', texts.join(' '))];
  const on = assInlineColor(style.highlightColor);
  const off = assInlineColor(style.fill);
  return line.words.map((word, index) => {
    const start = index === 0 ? line.start : word.start;
    const end = line.words[index + 1]?.start ?? line.end;
    const text = texts
      .map((t, k) => {
        if (k !== index) return t;
        return style.highlight === 'pop'
          ? `{\\1c${on}\\fscx85\\fscy85\\t(0,90,\\fscx118\\fscy118)}${t}{\\1c${off}\\fscx100\\fscy100}`
          : `{\\1c${on}}${t}{\\1c${off}}`;
      })
      .join(' ');
    return dialogue(start, Math.max(end, start + 0.01), 'Caption', text);
  });
}

/** The whole ASS file, or null when there is nothing to draw. */
export function buildAssDocument(input: AssInput): string | null {
  const { width, height, captions, overlays } = input;
  const titles = overlays.filter((o) => o.type === 'title');
  const words = captions?.words ?? [];
  if (titles.length === 0 && words.length === 0) return null;
  const styles: string[] = [];
  const events: string[] = [];
  const marginH = Math.round(width * 0.06);
  if (captions && words.length > 0) {
    const s = captions.style;
    styles.push(
      styleLine({
        name: 'Caption',
        family: s.fontFamily,
        size: s.fontSize,
        fill: s.fill,
        outline: s.outline,
        back: '#00000080',
        bold: s.bold,
        borderStyle: 1,
        outlineWidth: s.outlineWidth,
        shadow: s.shadow,
        align: ALIGN[s.position],
        marginH,
        marginV: s.position === 'center' ? 0 : Math.round(height * s.safeArea),
      }),
    );
    for (const line of groupCaptionLines(words, s.maxWordsPerLine)) {
      events.push(...lineEvents(line, captions));
    }
  }
  titles.forEach((title, index) => {
    const name = `Title${index}`;
    const family = title.fontFamily ?? input.defaultFamily ?? 'Noto Sans';
    styles.push(
      styleLine({
        name,
        family,
        size: title.fontSize,
        fill: title.color,
        outline: title.background,
        back: title.background,
        bold: true,
        borderStyle: 3,
        outlineWidth: Math.round(title.fontSize * 0.25),
        shadow: 0,
        align: ALIGN[title.position],
        marginH,
        marginV: Math.round(height * 0.12),
      }),
    );
    events.push(dialogue(title.start, title.end, name, assTextWithFonts(title.text, family)));
  });
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${width}`,
    `PlayResY: ${height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: None',
    '',
    '[V4+ Styles]',
    `Format: ${STYLE_FORMAT}`,
    ...styles,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...events,
    '',
  ].join('\n');
}
