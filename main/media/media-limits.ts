/**
 * Every limit and allow-list of the media store, in one place.
 *
 * Demuxers are the only ones ffprobe/ffmpeg may use on an imported file (`-format_whitelist`,
 * with the format also forced by `-f`), so playlists (HLS), concat lists, image sequences
 * (image2) and anything else that opens other files can never be reached.
 */
export const MEDIA_LIMITS = {
  /** Largest file accepted. */
  maxBytes: 4 * 1024 ** 3,
  /** Longest video or audio accepted. */
  maxDurationMs: 3 * 60 * 60 * 1000,
  /** Largest width or height of an image or video. */
  maxSidePx: 8192,
  /** Largest font file. */
  maxFontBytes: 50 * 1024 ** 2,
  /** ffprobe gets this long before the import fails. */
  probeTimeoutMs: 30_000,
  /** Thumbnails fit in this square. */
  thumbnailPx: 320,
} as const;

/** Demuxers an import may be read with, by the container the magic bytes revealed. */
export const ALLOWED_DEMUXERS = {
  png: 'png_pipe',
  jpeg: 'jpeg_pipe',
  webp: 'webp_pipe',
  gif: 'gif',
  mp4: 'mov',
  matroska: 'matroska',
  mp3: 'mp3',
  wav: 'wav',
  ogg: 'ogg',
  flac: 'flac',
  aac: 'aac',
} as const;

export type Container = keyof typeof ALLOWED_DEMUXERS | 'font';

/** Video codecs accepted (ffprobe `codec_name`). */
export const ALLOWED_VIDEO_CODECS: ReadonlySet<string> = new Set([
  'h264',
  'hevc',
  'vp8',
  'vp9',
  'av1',
  'prores',
  'mpeg4',
  'png',
  'mjpeg',
  'webp',
  'gif',
]);

/** Audio codecs accepted. */
export const ALLOWED_AUDIO_CODECS: ReadonlySet<string> = new Set([
  'aac',
  'mp3',
  'opus',
  'vorbis',
  'flac',
  'alac',
  'pcm_s16le',
  'pcm_s24le',
  'pcm_s32le',
  'pcm_f32le',
  'pcm_u8',
]);
