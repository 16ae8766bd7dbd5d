/**
 * Platform presets: one table, and its ids are used everywhere (CLI `--preset`, the timeline's
 * `output.preset`, the UI).
 *
 * Bitrate caps keep uploads inside what the platforms re-encode without complaint; `crf` is the
 * quality target inside that cap.
 */
import { z } from 'zod';

export const PRESET_IDS = ['tiktok', 'shorts', 'reels', 'youtube', 'square', 'proxy'] as const;
export const PresetId = z.enum(PRESET_IDS);
export type PresetId = z.infer<typeof PresetId>;

/** x264 speed presets, fastest first. */
export const X264_SPEEDS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
] as const;
export const X264Speed = z.enum(X264_SPEEDS);
export type X264Speed = z.infer<typeof X264Speed>;

export interface Preset {
  readonly id: PresetId;
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** Default x264 speed for this preset. */
  readonly speed: X264Speed;
  readonly crf: number;
  /** Peak video bitrate (kbit/s) and the VBV buffer that enforces it. */
  readonly maxrateKbps: number;
  readonly bufsizeKbps: number;
  /** H.264 profile and level the platforms accept. */
  readonly profile: 'high' | 'main';
  readonly level: string;
  readonly audioBitrateKbps: number;
  /**
   * Proxy previews halve the timeline's own size instead of imposing one, so a landscape
   * timeline gets a landscape proxy.
   */
  readonly scaleOfTimeline?: number;
}

const vertical = {
  width: 1080,
  height: 1920,
  fps: 30,
  speed: 'veryfast',
  crf: 21,
  maxrateKbps: 12_000,
  bufsizeKbps: 24_000,
  profile: 'high',
  level: '4.2',
  audioBitrateKbps: 192,
} as const;

export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  tiktok: { id: 'tiktok', label: 'TikTok (1080×1920)', ...vertical },
  shorts: { id: 'shorts', label: 'YouTube Shorts (1080×1920)', ...vertical },
  reels: { id: 'reels', label: 'Instagram Reels (1080×1920)', ...vertical },
  youtube: {
    ...vertical,
    id: 'youtube',
    label: 'YouTube (1920×1080)',
    width: 1920,
    height: 1080,
  },
  square: {
    ...vertical,
    id: 'square',
    label: 'Square (1080×1080)',
    width: 1080,
    height: 1080,
    maxrateKbps: 10_000,
    bufsizeKbps: 20_000,
  },
  proxy: {
    id: 'proxy',
    label: 'Proxy preview (540×960, 15 fps, fast)',
    width: 540,
    height: 960,
    // Half the frames of a real render: a preview is for timing and framing, and every
    // per-frame cost (motion, captions, encoding) halves with it.
    fps: 15,
    speed: 'ultrafast',
    crf: 30,
    maxrateKbps: 2_500,
    bufsizeKbps: 5_000,
    profile: 'main',
    level: '3.1',
    audioBitrateKbps: 96,
    scaleOfTimeline: 0.5,
  },
};

/** The preset with this id. */
export function getPreset(id: PresetId): Preset {
  return PRESETS[id];
}
