/**
 * Renders a library project from the command line through the render queue, so the job is
 * persisted in the jobs table and the project's status goes rendering → rendered (or failed),
 * exactly as a render started in the studio.
 */
import path from 'node:path';
import type { RenderJob, RenderProgress } from '../../shared/contract/render.contract';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/errors';
import type { PresetId } from '../../shared/presets';
import type { Services } from '../services';

export interface ProjectRenderResult {
  output: string;
  seconds: number;
  encoder: string;
  duration: number;
}

export async function renderProject(
  services: Pick<Services, 'render' | 'renderQueue' | 'events'>,
  request: {
    projectId: string;
    output: string;
    preset?: PresetId;
    signal?: AbortSignal;
    onProgress?: (progress: RenderProgress) => void;
  },
): Promise<ProjectRenderResult> {
  const { timeline, projectId } = services.render.projectRender(request.projectId, request.preset);
  const output = path.resolve(request.output);
  const stops: (() => void)[] = [];
  try {
    let jobId = '';
    const finished = new Promise<RenderJob>((resolve) => {
      stops.push(
        services.events.on('render.job', (job) => {
          if (job.id === jobId && job.status !== 'queued' && job.status !== 'running') resolve(job);
        }),
      );
    });
    stops.push(
      services.events.on('render.progress', (p) => {
        if (p.jobId === jobId) request.onProgress?.(p);
      }),
    );
    const queued = services.renderQueue.enqueue({
      timeline,
      targetPath: output,
      outputName: path.basename(output),
      outputFileId: null,
      preset: request.preset,
      projectId,
    });
    jobId = queued.id;
    const onAbort = () => services.renderQueue.cancel(jobId);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    stops.push(() => request.signal?.removeEventListener('abort', onAbort));
    const current = services.renderQueue.get(jobId);
    const job =
      current.status === 'queued' || current.status === 'running' ? await finished : current;
    if (job.status === 'cancelled') throw new AppError('CANCELLED', 'Render cancelled.');
    if (job.status !== 'done' || job.encoder === null || job.duration === null) {
      const code = job.error?.code ?? 'RENDER_FAILED';
      throw new AppError(
        isErrorCode(code) ? code : 'RENDER_FAILED',
        job.error?.message ?? `The render of project ${projectId} ${job.status}.`,
      );
    }
    return { output, seconds: job.seconds ?? 0, encoder: job.encoder, duration: job.duration };
  } finally {
    stops.forEach((stop) => stop());
  }
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
