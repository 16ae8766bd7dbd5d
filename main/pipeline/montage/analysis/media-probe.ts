/**
 * One ffprobe call per clip: duration, which streams exist, and the size and time of every
 * video packet. Packet sizes are the cheapest motion signal there is (no decoding: demuxing
 * only), and a hard cut inside a GOP shows up as one outsized packet.
 */
import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import { runTool, type ToolRunOptions } from './tool-process';

/** One compressed video frame as stored in the file. */
export interface VideoPacket {
  /** Presentation time in seconds from the clip start. */
  t: number;
  bytes: number;
  key: boolean;
}

export interface ClipProbe {
  durationS: number;
  hasAudio: boolean;
  video: { width: number; height: number; fps: number } | null;
  /** Video packets sorted by presentation time (empty without video). */
  packets: VideoPacket[];
}

const ProbeJson = z.object({
  format: z
    .object({ duration: z.string().optional(), start_time: z.string().optional() })
    .optional(),
  streams: z
    .array(
      z.object({
        index: z.number(),
        codec_type: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        avg_frame_rate: z.string().optional(),
        duration: z.string().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).optional(),
      }),
    )
    .default([]),
  packets: z
    .array(
      z.object({
        stream_index: z.number(),
        pts_time: z.string().optional(),
        dts_time: z.string().optional(),
        size: z.string().optional(),
        flags: z.string().optional(),
      }),
    )
    .default([]),
});

/** Thrown when a file has no decodable audio or video: the montage reports and skips it. */
export class UnusableClipError extends Error {
  override readonly name = 'UnusableClipError';
}

/**
 * Probes a clip; rejects with `UnusableClipError` for files ffprobe cannot read or that hold
 * neither audio nor video.
 */
export async function probeClip(
  ffprobe: string,
  file: string,
  options: Pick<ToolRunOptions, 'signal'> = {},
): Promise<ClipProbe> {
  const args = [
    '-v',
    'error',
    '-protocol_whitelist',
    'file,pipe',
    '-of',
    'json',
    '-show_entries',
    'format=duration,start_time:stream=index,codec_type,width,height,avg_frame_rate,duration:stream_disposition=attached_pic:packet=stream_index,pts_time,dts_time,size,flags',
    file,
  ];
  let parsed: z.infer<typeof ProbeJson>;
  try {
    const { stdout } = await runTool(ffprobe, args, options);
    parsed = ProbeJson.parse(JSON.parse(stdout.toString('utf8')));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new UnusableClipError(`ffprobe could not read it (${(error as Error).message})`);
  }
  const hasAudio = parsed.streams.some((s) => s.codec_type === 'audio');
  const stream = parsed.streams.find(
    (s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1,
  );
  const packets: VideoPacket[] = [];
  if (stream) {
    for (const p of parsed.packets) {
      if (p.stream_index !== stream.index) continue;
      const t = Number(p.pts_time ?? p.dts_time);
      const bytes = Number(p.size);
      if (!Number.isFinite(t) || !Number.isFinite(bytes)) continue;
      packets.push({ t, bytes, key: (p.flags ?? '').includes('K') });
    }
    packets.sort((a, b) => a.t - b.t);
  }
  // Times count from the file's start, as ffmpeg's own output timestamps do.
  const start = Number(parsed.format?.start_time ?? packets[0]?.t ?? 0) || 0;
  for (const p of packets) p.t -= start;
  const durationS =
    positive(parsed.format?.duration) ??
    positive(stream?.duration) ??
    (packets.length > 0 ? (packets.at(-1)?.t ?? 0) : 0);
  if (!stream && !hasAudio) throw new UnusableClipError('it has neither video nor audio');
  if (durationS <= 0) throw new UnusableClipError('its duration is unknown or zero');
  if (stream && packets.length === 0) throw new UnusableClipError('its video stream is empty');
  return {
    durationS,
    hasAudio,
    video: stream
      ? {
          width: stream.width ?? 0,
          height: stream.height ?? 0,
          fps: frameRate(stream.avg_frame_rate) ?? packets.length / Math.max(durationS, 1e-3),
        }
      : null,
    packets,
  };
}

function positive(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function frameRate(text: string | undefined): number | undefined {
  const [num, den] = (text ?? '').split('/').map(Number);
  if (num === undefined || den === undefined || !num || !den) return undefined;
  return num / den;
}
