/**
 * Output encoder arguments: libx264 (always available) or a hardware H.264 encoder, each asked
 * for the same thing: yuv420p within the preset's bitrate cap at roughly the preset's quality.
 */
import type { OutputSettings } from './output-settings';

export const HARDWARE_ENCODERS = [
  'h264_nvenc',
  'h264_qsv',
  'h264_vaapi',
  'h264_videotoolbox',
  'h264_amf',
] as const;
export type HardwareEncoder = (typeof HARDWARE_ENCODERS)[number];
export type VideoEncoder = 'libx264' | HardwareEncoder;

/** Filters a hardware encoder needs at the end of the video chain (VAAPI takes GPU frames). */
export function encoderUploadFilter(encoder: VideoEncoder): string | null {
  return encoder === 'h264_vaapi' ? 'format=nv12,hwupload' : null;
}

/** Global options that must come before the inputs. */
export function encoderGlobalArgs(encoder: VideoEncoder): string[] {
  return encoder === 'h264_vaapi' ? ['-vaapi_device', '/dev/dri/renderD128'] : [];
}

export function videoEncoderArgs(encoder: VideoEncoder, out: OutputSettings): string[] {
  const rate = ['-maxrate', `${out.preset.maxrateKbps}k`, '-bufsize', `${out.preset.bufsizeKbps}k`];
  const q = String(Math.round(out.crf));
  switch (encoder) {
    case 'libx264':
      return [
        '-c:v',
        'libx264',
        '-preset',
        out.speed,
        '-crf',
        String(out.crf),
        ...rate,
        '-profile:v',
        out.preset.profile,
        '-level:v',
        out.preset.level,
        '-pix_fmt',
        'yuv420p',
      ];
    case 'h264_nvenc':
      return [
        '-c:v',
        encoder,
        '-preset',
        'p4',
        '-rc',
        'vbr',
        '-cq',
        q,
        '-b:v',
        '0',
        ...rate,
        '-pix_fmt',
        'yuv420p',
      ];
    case 'h264_qsv':
      return ['-c:v', encoder, '-global_quality', q, ...rate, '-pix_fmt', 'nv12'];
    case 'h264_vaapi':
      return ['-c:v', encoder, '-qp', q];
    case 'h264_videotoolbox':
      return [
        '-c:v',
        encoder,
        '-b:v',
        `${Math.round(out.preset.maxrateKbps * 0.6)}k`,
        ...rate,
        '-pix_fmt',
        'yuv420p',
      ];
    case 'h264_amf':
      return ['-c:v', encoder, '-rc', 'cqp', '-qp_i', q, '-qp_p', q, '-pix_fmt', 'yuv420p'];
  }
}
