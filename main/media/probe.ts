/**
 * Reads what a file really is with ffprobe, locked to one demuxer and to local file access.
 */
import { z } from 'zod';
import type { MediaKind } from '../../shared/contract/media.contract';
import { AppError } from '../../shared/errors';
import {
  ALLOWED_AUDIO_CODECS,
  ALLOWED_DEMUXERS,
  ALLOWED_VIDEO_CODECS,
  MEDIA_LIMITS,
} from './media-limits';
import { runTool } from './run-tool';
import type { Sniffed } from './sniff';

export interface Probed {
  kind: MediaKind;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  codec: { container: string | null; video: string | null; audio: string | null };
}

const ProbeOutput = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).optional(),
      }),
    )
    .default([]),
  format: z
    .object({ format_name: z.string().optional(), duration: z.string().optional() })
    .optional(),
});

/** The ffmpeg/ffprobe input options that pin a file to its sniffed demuxer and to local files. */
export function lockedInputArgs(container: keyof typeof ALLOWED_DEMUXERS): string[] {
  const demuxer = ALLOWED_DEMUXERS[container];
  return ['-protocol_whitelist', 'file,pipe', '-format_whitelist', demuxer, '-f', demuxer];
}

/** Probes `file` (already sniffed) and enforces the codec, size and duration limits. */
export async function probeMedia(
  ffprobe: string,
  file: string,
  sniffed: Sniffed,
  signal?: AbortSignal,
): Promise<Probed> {
  if (sniffed.container === 'font') {
    return {
      kind: 'font',
      width: null,
      height: null,
      durationMs: null,
      codec: { container: 'font', video: null, audio: null },
    };
  }
  let stdout: string;
  try {
    ({ stdout } = await runTool(
      ffprobe,
      [
        '-v',
        'error',
        ...lockedInputArgs(sniffed.container),
        '-show_format',
        '-show_streams',
        '-of',
        'json',
        '-i',
        file,
      ],
      { timeoutMs: MEDIA_LIMITS.probeTimeoutMs, signal },
    ));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'VALIDATION',
      `The file is damaged or incomplete (${(error as Error).message}).`,
    );
  }
  const parsed = ProbeOutput.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new AppError('VALIDATION', 'ffprobe could not read this file.');
  const { streams, format } = parsed.data;
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  const audio = streams.find((s) => s.codec_type === 'audio');
  const kind: MediaKind = sniffed.kind === 'image' ? 'image' : video ? 'video' : 'audio';
  if (kind !== 'audio' && !video) throw new AppError('VALIDATION', 'The file has no picture.');
  if (kind === 'audio' && !audio)
    throw new AppError('VALIDATION', 'The file has neither picture nor sound.');
  for (const [stream, allowed, what] of [
    [video, ALLOWED_VIDEO_CODECS, 'video'],
    [audio, ALLOWED_AUDIO_CODECS, 'audio'],
  ] as const) {
    if (stream && (kind !== 'audio' || what === 'audio') && !allowed.has(stream.codec_name ?? '')) {
      throw new AppError(
        'UNSUPPORTED',
        `The ${what} codec ${stream.codec_name ?? 'unknown'} is not supported.`,
      );
    }
  }
  const width = video?.width ?? null;
  const height = video?.height ?? null;
  checkSides(width, height);
  const seconds = format?.duration === undefined ? NaN : Number(format.duration);
  const durationMs =
    kind === 'image' || !Number.isFinite(seconds) ? null : Math.round(seconds * 1000);
  if (kind !== 'image' && durationMs === null)
    throw new AppError('VALIDATION', 'The file has no readable duration.');
  if (durationMs !== null && durationMs > MEDIA_LIMITS.maxDurationMs) {
    throw new AppError(
      'TOO_LARGE',
      `The file lasts ${Math.round(durationMs / 60_000)} minutes; the limit is ${MEDIA_LIMITS.maxDurationMs / 3_600_000} hours.`,
    );
  }
  return {
    kind,
    width,
    height,
    durationMs,
    codec: {
      container: format?.format_name ?? null,
      video: kind === 'audio' ? null : (video?.codec_name ?? null),
      audio: audio?.codec_name ?? null,
    },
  };
}

/** Refuses pictures over the side limit (also used on the PNG header, before decoding). */
export function checkSides(
  width: number | null | undefined,
  height: number | null | undefined,
): void {
  const max = MEDIA_LIMITS.maxSidePx;
  if ((width ?? 0) > max || (height ?? 0) > max) {
    throw new AppError(
      'TOO_LARGE',
      `The picture is ${width}×${height} pixels; the limit is ${max} on each side.`,
    );
  }
  if (width === 0 || height === 0) throw new AppError('VALIDATION', 'The picture has no pixels.');
}
