/**
 * Where a project's last finished render is. ONE function on purpose: render jobs and generated
 * projects are moving into the library (feat/libjoin), and this is the only place to re-point.
 *
 * Today: a finished render job named by id, else a library project whose settings carry
 * `lastRenderPath` (written by whoever renders it), else a finished render job whose output name
 * starts with the project's id.
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
    const byName = deps.renderJobs
      .list()
      .find(
        (j) =>
          j.status === 'done' && j.outputName.startsWith(projectId) && fs.existsSync(j.targetPath),
      );
    const file = typeof last === 'string' && fs.existsSync(last) ? last : byName?.targetPath;
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
