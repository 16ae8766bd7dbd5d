/**
 * Caption files for uploading beside the video: SRT, WebVTT and ASS, from the caption track.
 */
import type { Captions } from '../../../../shared/timeline';
import { assertNever } from '../../../../shared/errors';
import { buildAssDocument } from './ass-document';
import { groupCaptionLines } from './caption-lines';

export type CaptionFormat = 'srt' | 'vtt' | 'ass';

function clock(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** The caption track as a subtitle file in `format`. */
export function exportCaptions(
  captions: Captions,
  format: CaptionFormat,
  size: { width: number; height: number },
): string {
  const lines = groupCaptionLines(captions.words, captions.style.maxWordsPerLine);
  const text = (words: { text: string }[]) => words.map((w) => w.text).join(' ');
  switch (format) {
    case 'srt':
      return lines
        .map(
          (line, i) =>
            `${i + 1}\n${clock(line.start, ',')} --> ${clock(line.end, ',')}\n${text(line.words)}\n`,
        )
        .join('\n');
    case 'vtt':
      return `WEBVTT\n\n${lines
        .map(
          (line) =>
            `${clock(line.start, '.')} --> ${clock(line.end, '.')}\n${text(line.words).replace(/-->/g, '->')}\n`,
        )
        .join('\n')}`;
    case 'ass':
      return buildAssDocument({ ...size, captions, overlays: [] }) ?? '';
    default:
      return assertNever(format, 'caption format');
  }
}
