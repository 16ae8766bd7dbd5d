/**
 * The one way generation and render change a project's status, so the allowed transitions live
 * in one place: draft → generating → ready → rendering → rendered; any → failed;
 * failed → generating | rendering; ready | rendered → generating (regenerate) | rendering
 * (re-render).
 */
import type { ProjectStatus } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import { getProject } from './project.repository';

const ALLOWED: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  draft: ['generating', 'failed'],
  generating: ['ready', 'failed'],
  ready: ['rendering', 'generating', 'failed'],
  rendering: ['rendered', 'failed'],
  rendered: ['rendering', 'generating', 'failed'],
  failed: ['generating', 'rendering', 'failed'],
};

/** Whether a project may go from `from` to `to` (staying put is always allowed). */
export function canTransition(from: ProjectStatus, to: ProjectStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

/** Moves a project to `to`, refusing (CONFLICT) a transition the life cycle does not allow. */
export function setProjectStatus(
  store: Store,
  projectId: string,
  to: ProjectStatus,
  now = Date.now(),
): void {
  store.transaction(() => {
    const project = getProject(store, projectId);
    if (!canTransition(project.status, to)) {
      throw new AppError(
        'CONFLICT',
        `The project "${project.title}" is ${project.status}; it cannot become ${to} now.`,
      );
    }
    if (project.status === to) return;
    store.run(
      store.db
        .updateTable('projects')
        .set((eb) => ({ status: to, updated_at: now, revision: eb('revision', '+', 1) }))
        .where('id', '=', projectId),
    );
  });
}
