/**
 * Where a project's last finished render is: the newest finished render job of that project
 * (render jobs live in the library's jobs table with their project id), else a file the project's
 * settings name as `lastRenderPath`; or a finished render job named by its own id.
 */
import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { RenderJobStore } from '../../pipeline/render/render-job-store';
import type { ProjectsService } from '../../store/projects/projects.service';

export interface RenderedOutput {
  path: string;
  title: string;
  /** The library project, when the output belongs to one. */
  projectId: string;
  /** Lineage kept by social.recreate in the project's settings. */
  sourceVideoId: string | null;
  prompt: string | null;
}

export function findRenderedOutput(
  deps: { renderJobs: RenderJobStore; projects: Pick<ProjectsService, 'get'> },
  projectId: string,
): RenderedOutput {
  const job = deps.renderJobs.get(projectId);
  if (job?.status === 'done' && fs.existsSync(job.targetPath)) {
    return {
      path: job.targetPath,
      title: job.outputName.replace(/\.[^.]+$/, ''),
      projectId,
      sourceVideoId: null,
      prompt: null,
    };
  }
  let project;
  try {
    project = deps.projects.get(projectId);
  } catch {
    project = null;
  }
  if (project) {
    const last = project.settings.lastRenderPath;
    const remix = project.settings.remix as { sourceVideoId?: unknown } | undefined;
    const sourceVideoId = typeof remix?.sourceVideoId === 'string' ? remix.sourceVideoId : null;
    const newest = deps.renderJobs
      .list()
      .find((j) => j.projectId === projectId && j.status === 'done' && fs.existsSync(j.targetPath));
    const file =
      newest?.targetPath ?? (typeof last === 'string' && fs.existsSync(last) ? last : null);
    if (file) {
      return {
        path: file,
        title: project.title,
        projectId,
        sourceVideoId,
        prompt: project.idea || null,
      };
    }
    throw new AppError(
      'NOT_FOUND',
      `“${project.title}” has no finished render yet; render it first.`,
    );
  }
  throw new AppError('NOT_FOUND', `No project or finished render job ${projectId}.`);
}
