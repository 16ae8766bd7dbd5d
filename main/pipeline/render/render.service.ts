/**
 * Renders timelines: resolves media, compiles one ffmpeg run, writes the captions script, runs
 * ffmpeg into a temp file with progress, and renames it into place. Also single preview frames
 * and caption exports. Jobs (queueing, persistence) live in `RenderQueue`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PresetId } from '../../../shared/presets';
import { parseTimeline, type Timeline } from '../../../shared/timeline';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../rpc/router';
import type { Tools } from '../../system/app-info.service';
import { exportCaptions, type CaptionFormat } from './captions/caption-export';
import type { VideoEncoder } from './encoder-args';
import { runToFile, tempPathFor } from './ffmpeg-runner';
import type { HardwareEncoderDetector } from './hardware-encoders';
import { mediaUses } from './media-refs';
import { resolveMedia, type MediaResolver } from './media-resolver';
import type { RenderProgress } from './progress-parser';
import { compileRender, type CompiledRender } from './render-compiler';
import { resolveOutput } from './output-settings';
import { sliceTimelineAt } from './timeline-slice';

export interface RenderServiceDeps {
  tools: () => Promise<Tools>;
  media: MediaResolver;
  fontsDir: string;
  hardware: HardwareEncoderDetector;
  /** Whether Settings allow hardware encoding. */
  hardwareAllowed: () => boolean;
  log: Logger;
}

export interface RenderRequest {
  /** A timeline as JSON data (validated here). */
  timeline: unknown;
  output: string;
  preset?: PresetId;
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  /** Media resolver for this render (e.g. relative to a timeline file); default the service's. */
  media?: MediaResolver;
}

export interface RenderResult {
  output: string;
  /** Wall-clock seconds the render took. */
  seconds: number;
  encoder: VideoEncoder;
  /** Output duration, seconds. */
  duration: number;
}

async function ffmpegPaths(
  tools: () => Promise<Tools>,
): Promise<{ ffmpeg: string; ffprobe: string }> {
  const { ffmpeg, ffprobe } = await tools();
  if (!ffmpeg.found) throw new AppError('FFMPEG_NOT_FOUND', ffmpeg.message);
  if (!ffprobe.found) throw new AppError('FFMPEG_NOT_FOUND', ffprobe.message);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path };
}

export class RenderService {
  constructor(private readonly deps: RenderServiceDeps) {}

  /** Parses a timeline and checks its media exist and are readable, without rendering. */
  async prepare(timelineInput: unknown, resolver?: MediaResolver) {
    const timeline = parseTimeline(timelineInput);
    const { ffmpeg, ffprobe } = await ffmpegPaths(this.deps.tools);
    const media = await resolveMedia(mediaUses(timeline), resolver ?? this.deps.media, ffprobe);
    return { timeline, media, ffmpeg };
  }

  /** Renders a timeline to `output` (MP4); falls back to libx264 if a hardware encoder fails. */
  async render(request: RenderRequest): Promise<RenderResult> {
    const started = Date.now();
    const { timeline, media, ffmpeg } = await this.prepare(request.timeline, request.media);
    const target = path.resolve(request.output);
    if (!fs.statSync(path.dirname(target), { throwIfNoEntry: false })?.isDirectory()) {
      throw new AppError('NOT_FOUND', `Output folder does not exist: ${path.dirname(target)}`);
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-render-'));
    try {
      const hardware = await this.pickEncoder(timeline, request.preset, ffmpeg);
      const attempt = async (encoder: VideoEncoder): Promise<CompiledRender> => {
        const compiled = compileRender({
          timeline,
          media,
          outputPath: tempPathFor(target),
          assPath: path.join(work, 'captions.ass'),
          fontsDir: this.deps.fontsDir,
          preset: request.preset,
          encoder,
        });
        if (compiled.ass !== null) fs.writeFileSync(path.join(work, 'captions.ass'), compiled.ass);
        const temp = compiled.args.at(-1) ?? '';
        await runToFile({
          ffmpeg,
          args: compiled.args,
          totalSeconds: compiled.duration,
          signal: request.signal,
          onProgress: request.onProgress,
          temp,
          target,
        });
        return compiled;
      };
      let compiled: CompiledRender;
      try {
        compiled = await attempt(hardware ?? 'libx264');
      } catch (error) {
        if (hardware === null || !(error instanceof AppError) || error.code !== 'RENDER_FAILED')
          throw error;
        this.deps.log.warn(`${hardware} failed (${error.message}); rendering with libx264 instead`);
        compiled = await attempt('libx264');
      }
      return {
        output: target,
        seconds: (Date.now() - started) / 1000,
        encoder: compiled.encoder,
        duration: compiled.duration,
      };
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }

  /** One frame at `t` seconds as PNG, rendering only the clips around `t` (fast for scrubbing). */
  async frame(request: {
    timeline: unknown;
    t: number;
    output: string;
    preset?: PresetId;
    media?: MediaResolver;
  }): Promise<{ output: string; t: number }> {
    const { timeline, media, ffmpeg } = await this.prepare(request.timeline, request.media);
    const slice = sliceTimelineAt(timeline, request.t);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-frame-'));
    try {
      const target = path.resolve(request.output);
      const temp = tempPathFor(target, '.png');
      const compiled = compileRender({
        timeline: slice.timeline,
        media: slice.remapMedia(media),
        outputPath: temp,
        assPath: path.join(work, 'captions.ass'),
        fontsDir: this.deps.fontsDir,
        preset: request.preset,
        frameAt: slice.localT,
      });
      if (compiled.ass !== null) fs.writeFileSync(path.join(work, 'captions.ass'), compiled.ass);
      await runToFile({ ffmpeg, args: compiled.args, totalSeconds: 1, temp, target });
      return { output: target, t: request.t };
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }

  /** The caption track as SRT, WebVTT or ASS text. */
  captions(timelineInput: unknown, format: CaptionFormat): string {
    const timeline: Timeline = parseTimeline(timelineInput);
    if (!timeline.captions || timeline.captions.words.length === 0) {
      throw new AppError('NOT_FOUND', 'This timeline has no captions to export.');
    }
    const out = resolveOutput(timeline);
    return exportCaptions(timeline.captions, format, {
      width: out.designWidth,
      height: out.designHeight,
    });
  }

  private async pickEncoder(
    timeline: Timeline,
    preset: PresetId | undefined,
    ffmpeg: string,
  ): Promise<VideoEncoder | null> {
    const proxy = resolveOutput(timeline, preset).preset.id === 'proxy';
    if (proxy || !timeline.encoder.hardware || !this.deps.hardwareAllowed()) return null;
    return this.deps.hardware.pick(ffmpeg);
  }
}
