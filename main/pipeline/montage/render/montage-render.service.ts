/**
 * `montage.render`, `montage.preview`, `montage.thumbnails`: an edited montage becomes a
 * timeline (clips resolved, durations probed, beats detected, title cards in the brand kit's
 * style) and goes to the render pipeline's public services: the render queue for renders and
 * proxies (progress, cancel, presets, hardware encoding), the single-frame preview for previews.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrandKit } from '../../../../shared/contract/brand-kits.contract';
import type {
  BeatGrid,
  MontageEdit,
  MontageLayout,
} from '../../../../shared/contract/montage.contract';
import type { RenderJob } from '../../../../shared/contract/render.contract';
import type { PresetId } from '../../../../shared/presets';
import { AppError } from '../../../../shared/errors';
import type { TimelineInput } from '../../../../shared/timeline';
import type { AnalyzerTools } from '../analysis/clip-analyzer';
import { runTool } from '../analysis/tool-process';
import { detectBeats } from '../beats/beat-detector';
import type { ClipFiles } from '../montage.service';
import { brandCardStyle } from '../../../../shared/presets/brand-style';
import { DEFAULT_CARD_STYLE, montageTimeline, type CardStyle } from './montage-timeline';

/** The render pipeline's public operations this service needs. */
export interface MontageRenderTarget {
  start(timeline: TimelineInput, targetId: string, preset?: PresetId): RenderJob;
  proxy(timeline: TimelineInput): RenderJob;
}

/** The render pipeline's single-frame preview. */
export interface MontageFrameRenderer {
  frame(request: {
    timeline: unknown;
    t: number;
    output: string;
    preset?: PresetId;
  }): Promise<{ output: string; t: number }>;
}

export interface MontageRenderDeps {
  locateTools: () => Promise<AnalyzerTools>;
  files: ClipFiles;
  brandKits: { get(id: string): BrandKit };
  render: MontageRenderTarget;
  frames: MontageFrameRenderer;
  /** Folder for generated title-card stills. */
  cacheDir: string;
}

/** Width of strip thumbnails, pixels. */
const THUMB_WIDTH = 192;

export class MontageRenderService {
  private readonly beatCache = new Map<string, BeatGrid>();

  constructor(private readonly deps: MontageRenderDeps) {}

  /** The montage as a timeline, and where its cuts land. */
  async timeline(
    edit: MontageEdit,
    signal?: AbortSignal,
  ): Promise<{ timeline: TimelineInput; layout: MontageLayout }> {
    const tools = await this.deps.locateTools();
    const clipIds = [...new Set(edit.moments.map((m) => m.clipId))];
    const clips = new Map(
      await Promise.all(
        clipIds.map(async (id) => {
          const file = this.deps.files.get(id);
          return [id, { path: file.path, durationS: await probeDuration(tools, file) }] as const;
        }),
      ),
    );
    const music = edit.music ? this.deps.files.get(edit.music.id) : null;
    const grid = music ? await this.beatsOf(tools, music.path, signal) : null;
    const needsCard = edit.intro !== undefined || edit.outro !== undefined;
    const style = this.cardStyle(edit.brandKitId);
    return montageTimeline(edit, {
      clipPath: (id) => clips.get(id)?.path ?? '',
      clipDurationS: (id) => clips.get(id)?.durationS ?? 0,
      musicPath: music?.path ?? null,
      beats: grid && grid.confidence > 0 ? grid.beats : [],
      cardImage: needsCard ? await this.cardImage(tools, style.background) : null,
      card: style,
    });
  }

  /** Queues the montage: into a save target, or as a proxy preview without one. */
  async render(
    edit: MontageEdit,
    targetId?: string,
  ): Promise<{ job: RenderJob; layout: MontageLayout }> {
    const { timeline, layout } = await this.timeline(edit);
    const job =
      targetId === undefined
        ? this.deps.render.proxy(timeline)
        : this.deps.render.start(timeline, targetId, edit.preset);
    return { job, layout };
  }

  /** One proxy-size frame from the middle of a moment (or a title card), as a PNG data URL. */
  async preview(
    edit: MontageEdit,
    at: number | 'intro' | 'outro',
  ): Promise<{ image: string; t: number }> {
    const { timeline, layout } = await this.timeline(edit);
    const { cuts } = layout;
    let t: number;
    if (at === 'intro') {
      if (!edit.intro) throw new AppError('VALIDATION', 'at: this montage has no intro card.');
      t = (cuts[0] ?? 0) / 2;
    } else if (at === 'outro') {
      if (!edit.outro) throw new AppError('VALIDATION', 'at: this montage has no outro card.');
      t = ((cuts.at(-1) ?? 0) + layout.durationS) / 2;
    } else {
      const from = cuts[at];
      const to = cuts[at + 1];
      if (from === undefined || to === undefined)
        throw new AppError('VALIDATION', `at: there is no moment ${String(at + 1)}.`);
      t = (from + to) / 2;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-montage-preview-'));
    try {
      const output = path.join(dir, 'frame.png');
      await this.deps.frames.frame({ timeline, t, output, preset: 'proxy' });
      return { image: `data:image/png;base64,${fs.readFileSync(output).toString('base64')}`, t };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** JPEG data URLs of clips at given times; null for a frame ffmpeg could not read. */
  async thumbnails(frames: readonly { clipId: string; t: number }[]): Promise<{
    images: (string | null)[];
  }> {
    const tools = await this.deps.locateTools();
    const images: (string | null)[] = [];
    for (const { clipId, t } of frames) {
      const file = this.deps.files.get(clipId);
      try {
        // prettier-ignore
        const { stdout } = await runTool(tools.ffmpeg, [
          '-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'file,pipe',
          '-ss', t.toFixed(3), '-i', file.path, '-frames:v', '1',
          '-vf', `scale=${String(THUMB_WIDTH)}:-2`, '-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', '5', 'pipe:1',
        ]);
        images.push(
          stdout.length > 0 ? `data:image/jpeg;base64,${stdout.toString('base64')}` : null,
        );
      } catch {
        images.push(null);
      }
    }
    return { images };
  }

  private cardStyle(brandKitId: string | undefined): CardStyle {
    if (brandKitId === undefined) return DEFAULT_CARD_STYLE;
    return brandCardStyle(this.deps.brandKits.get(brandKitId), DEFAULT_CARD_STYLE);
  }

  private async beatsOf(
    tools: AnalyzerTools,
    file: string,
    signal?: AbortSignal,
  ): Promise<BeatGrid> {
    const stat = fs.statSync(file);
    const key = `${file}|${String(stat.size)}|${String(stat.mtimeMs)}`;
    const cached = this.beatCache.get(key);
    if (cached) return cached;
    const grid = await detectBeats(tools.ffmpeg, file, { signal });
    this.beatCache.set(key, grid);
    return grid;
  }

  /** A small still in `color`; the compiler scales it to the output (cover). */
  private async cardImage(tools: AnalyzerTools, color: string): Promise<string> {
    const hex = color.replace('#', '').slice(0, 6).toLowerCase();
    const dir = path.join(this.deps.cacheDir, 'cards');
    const file = path.join(dir, `${hex}.png`);
    if (fs.existsSync(file)) return file;
    fs.mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `${hex}.${String(process.pid)}.tmp.png`);
    // prettier-ignore
    await runTool(tools.ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', `color=c=0x${hex}:s=64x64`, '-frames:v', '1', temp,
    ]);
    fs.renameSync(temp, file);
    return file;
  }
}

async function probeDuration(
  tools: AnalyzerTools,
  file: { path: string; name: string },
): Promise<number> {
  try {
    // prettier-ignore
    const { stdout } = await runTool(tools.ffprobe, [
      '-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file.path,
    ]);
    const seconds = Number.parseFloat(stdout.toString().trim());
    if (Number.isFinite(seconds) && seconds > 0) return seconds;
  } catch {
    // reported below
  }
  throw new AppError('VALIDATION', `moments: ${file.name} is not a video ffprobe can read.`, {
    details: { field: 'moments', name: file.name },
  });
}
