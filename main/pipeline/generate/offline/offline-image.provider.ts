/**
 * Procedural images without a network: a brand-colour gradient, a subtle grain, and the title
 * in large type, drawn by ffmpeg. The same prompt and colours always give the same PNG.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CallOptions, ImageProvider, ImageRequest, ImageResult } from '../providers.types';
import { hashString } from './offline-script.provider';
import { runTool } from '../../../util/run-tool';

/** Pleasant gradient pairs used when the creator has no brand colours. */
const PALETTES: readonly (readonly [string, string])[] = [
  ['#0f2027', '#2c5364'],
  ['#ff512f', '#dd2476'],
  ['#1d2b64', '#f8cdda'],
  ['#134e5e', '#71b280'],
  ['#42275a', '#734b6d'],
  ['#ee0979', '#ff6a00'],
];

/** Bold fonts to try, per platform, when the app's bundled fonts are not found. */
const FONT_CANDIDATES = [
  'resources/fonts/Inter-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
  '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
  '/Library/Fonts/Arial Bold.ttf',
  'C:\\Windows\\Fonts\\arialbd.ttf',
];

export interface OfflineImageOptions {
  /** Resolves the ffmpeg executable (settings → FFMPEG_BIN → ffmpeg-static → PATH). */
  ffmpeg: () => Promise<string>;
  /** Font file for the title; default: the first of FONT_CANDIDATES that exists. */
  fontFile?: string | null;
}

/** Wraps text into at most `maxLines` lines of about `width` characters. */
export function wrapTitle(text: string, width = 16, maxLines = 6): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1] ?? ''}…`;
  }
  return lines.join('\n');
}

async function findFont(): Promise<string | null> {
  for (const candidate of FONT_CANDIDATES) {
    try {
      await fs.access(candidate);
      return path.resolve(candidate);
    } catch {
      // try the next one
    }
  }
  return null;
}

function hex(colour: string): string {
  return `0x${colour.replace('#', '')}`;
}

export class OfflineImageProvider implements ImageProvider {
  readonly name = 'offline';
  readonly model = 'procedural-v1';

  constructor(private readonly options: OfflineImageOptions) {}

  async makeImage(request: ImageRequest, options: CallOptions = {}): Promise<ImageResult> {
    const seed =
      hashString(`${request.prompt}|${request.brandColors.join(',')}|${request.title ?? ''}`) %
      100_000;
    const palette = PALETTES[seed % PALETTES.length] ?? ['#000000', '#333333'];
    const [c0, c1] =
      request.brandColors.length >= 2
        ? [request.brandColors[0] ?? palette[0], request.brandColors[1] ?? palette[1]]
        : request.brandColors.length === 1
          ? [request.brandColors[0] ?? palette[0], '#111111']
          : palette;
    const { width: w, height: h } = request;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-img-'));
    try {
      const font = this.options.fontFile === undefined ? await findFont() : this.options.fontFile;
      // Gradient direction varies with the seed; explicit points keep it deterministic.
      const angle = ((seed % 360) * Math.PI) / 180;
      const [x0, y0] = [
        Math.round(w / 2 - (Math.cos(angle) * w) / 2),
        Math.round(h / 2 - (Math.sin(angle) * h) / 2),
      ];
      const [x1, y1] = [w - x0, h - y0];
      const filters = [`noise=alls=7:allf=u:all_seed=${seed}`, 'vignette=PI/5'];
      if (font) {
        // Files in the working folder: no path escaping inside the filtergraph on any platform.
        await fs.copyFile(font, path.join(dir, 'font.ttf'));
        await fs.writeFile(path.join(dir, 'title.txt'), wrapTitle(request.title ?? request.prompt));
        filters.push(
          `drawtext=fontfile=font.ttf:textfile=title.txt:fontsize=${Math.round(w / 11)}:fontcolor=white:` +
            `line_spacing=${Math.round(w / 40)}:borderw=${Math.round(w / 180)}:bordercolor=black@0.6:` +
            'x=(w-text_w)/2:y=(h-text_h)/2',
        );
      }
      const args = [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        `gradients=s=${w}x${h}:c0=${hex(c0)}:c1=${hex(c1)}:x0=${x0}:y0=${y0}:x1=${x1}:y1=${y1}:nb_colors=2:speed=0.00001:duration=1:seed=${seed}`,
        '-vf',
        filters.join(','),
        '-frames:v',
        '1',
        '-y',
        'image.png',
      ];
      await runTool(await this.options.ffmpeg(), args, {
        cwd: dir,
        signal: options.signal,
        timeoutMs: 60_000,
        failure: { code: 'PROVIDER', message: 'image: ffmpeg could not draw the picture' },
      });
      return { png: await fs.readFile(path.join(dir, 'image.png')), seed };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
