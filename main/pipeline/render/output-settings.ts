/**
 * What a render produces: size, frame rate and encoder settings from the timeline, its preset
 * and an optional preset override (CLI `--preset`, proxy previews).
 */
import { getPreset, type Preset, type PresetId, type X264Speed } from '../../../shared/presets';
import type { Timeline } from '../../../shared/timeline';

export interface OutputSettings {
  preset: Preset;
  width: number;
  height: number;
  fps: number;
  /** The size captions and titles are laid out at (the timeline's own, before proxy scaling). */
  designWidth: number;
  designHeight: number;
  speed: X264Speed;
  crf: number;
  audioBitrateKbps: number;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

export function resolveOutput(timeline: Timeline, override?: PresetId): OutputSettings {
  const own = getPreset(timeline.output.preset);
  const designWidth = timeline.output.width ?? own.width;
  const designHeight = timeline.output.height ?? own.height;
  const designFps = timeline.output.fps ?? own.fps;
  const preset = getPreset(override ?? timeline.output.preset);
  const { encoder } = timeline;
  if (preset.scaleOfTimeline !== undefined) {
    return {
      preset,
      width: even(designWidth * preset.scaleOfTimeline),
      height: even(designHeight * preset.scaleOfTimeline),
      fps: Math.min(designFps, preset.fps),
      designWidth,
      designHeight,
      speed: preset.speed,
      crf: preset.crf,
      audioBitrateKbps: preset.audioBitrateKbps,
    };
  }
  // An explicit other preset wins over the timeline's own size; the timeline's encoder choices stay.
  const sized = override !== undefined && override !== timeline.output.preset;
  const width = sized ? preset.width : designWidth;
  const height = sized ? preset.height : designHeight;
  return {
    preset,
    width,
    height,
    fps: sized ? preset.fps : designFps,
    designWidth: width,
    designHeight: height,
    speed: encoder.speed ?? preset.speed,
    crf: encoder.crf ?? preset.crf,
    audioBitrateKbps: encoder.audioBitrateKbps ?? preset.audioBitrateKbps,
  };
}
