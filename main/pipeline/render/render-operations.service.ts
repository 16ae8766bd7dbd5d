/**
 * The `render.*` contract operations: turns file handles into paths, and hands work to the
 * queue (renders, proxies) or the render service (frames, caption export, encoder report).
 */
import type { FileHandle } from '../../../shared/contract/files.contract';
import type { RenderJob } from '../../../shared/contract/render.contract';
import type { PresetId } from '../../../shared/presets';
import type { Timeline } from '../../../shared/timeline';
import { AppError } from '../../../shared/errors';
import type { FileRegistry } from '../../files/file-registry';
import type { Tools } from '../../system/app-info.service';
import type { CaptionFormat } from './captions/caption-export';
import type { EncoderProbe, HardwareEncoderDetector } from './hardware-encoders';
import type { RenderSource } from '../../store/projects/render-source';
import { canTransition } from '../../store/projects/project-status';
import { projectToTimeline } from './project-timeline';
import type { RenderQueue } from './render-queue.service';
import type { RenderService } from './render.service';

export interface RenderOperationsDeps {
  files: FileRegistry;
  /** A library project as the renderer needs it (segments, layers, media files). */
  renderSource: (projectId: string) => RenderSource;
  queue: RenderQueue;
  service: RenderService;
  hardware: HardwareEncoderDetector;
  tools: () => Promise<Tools>;
  hardwareAllowed: () => boolean;
}

export class RenderOperations {
  constructor(private readonly deps: RenderOperationsDeps) {}

  /** Queues a render of a timeline or a library project into a save target handle. */
  start(
    what: { timeline: Timeline } | { projectId: string },
    targetId: string,
    preset?: PresetId,
  ): RenderJob {
    const target = this.deps.files.get(targetId);
    if (target.mode !== 'save') {
      throw new AppError('VALIDATION', 'target: choose where to save the video (files.pickSave).');
    }
    const request = { targetPath: target.path, outputName: target.name, outputFileId: target.id };
    if ('timeline' in what)
      return this.deps.queue.enqueue({ ...request, timeline: what.timeline, preset });
    return this.deps.queue.enqueue({
      ...request,
      ...this.projectRender(what.projectId, preset),
      preset,
    });
  }

  /**
   * The timeline of a library project that may be rendered now (draft, ready, rendered, failed);
   * a project still generating or already rendering is refused with CONFLICT.
   */
  projectRender(projectId: string, preset?: PresetId): { timeline: unknown; projectId: string } {
    const source = this.deps.renderSource(projectId);
    const { status, title } = source.project;
    if (!canTransition(status, 'rendering') || status === 'rendering') {
      throw new AppError(
        'CONFLICT',
        `The project "${title}" is ${status}; it cannot be rendered now.`,
      );
    }
    return { timeline: projectToTimeline(source, { preset }), projectId };
  }

  /** Queues a proxy preview into a fresh staging file. */
  proxy(timeline: Timeline): RenderJob {
    const target = this.deps.files.createStagingTarget('preview.mp4');
    return this.deps.queue.enqueue({
      timeline,
      targetPath: target.path,
      outputName: target.name,
      outputFileId: target.id,
      preset: 'proxy',
    });
  }

  /** One frame at `t` as a PNG staging file. */
  async frame(timeline: Timeline, t: number, preset?: PresetId): Promise<FileHandle> {
    const target = this.deps.files.createStagingTarget(`frame-${t.toFixed(2)}.png`);
    await this.deps.service.frame({ timeline, t, output: target.path, preset });
    return this.deps.files.toHandle(target);
  }

  captions(timeline: Timeline, format: CaptionFormat): { text: string } {
    return { text: this.deps.service.captions(timeline, format) };
  }

  /** What the trial encodes found, and which encoder renders will use. */
  async encoders(): Promise<{ encoders: EncoderProbe[]; selected: string }> {
    const { ffmpeg } = await this.deps.tools();
    if (!ffmpeg.found) throw new AppError('FFMPEG_NOT_FOUND', ffmpeg.message);
    const encoders = await this.deps.hardware.detect(ffmpeg.path);
    const hardware = encoders.find((e) => e.works)?.encoder;
    return {
      encoders,
      selected: this.deps.hardwareAllowed() && hardware ? hardware : 'libx264',
    };
  }
}
