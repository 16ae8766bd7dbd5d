/**
 * The project status machine, in one place.
 *
 * draft → generating → ready → rendering → rendered; any status → failed; failed → generating
 * or rendering (retry); ready and rendered → generating (regenerate) and → rendering
 * (re-render); a draft built by hand (never generated) → rendering. Setting the status a project already has is not a transition and is allowed.
 * Everything else is refused, so a stray write cannot, say, mark a draft "rendered".
 */
import type { ProjectStatus } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import { getProject } from './project.repository';

const NEXT: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  draft: ['generating', 'rendering', 'failed'],
  generating: ['ready', 'failed'],
  ready: ['rendering', 'generating', 'failed'],
  rendering: ['rendered', 'failed'],
  rendered: ['rendering', 'generating', 'failed'],
  failed: ['generating', 'rendering'],
};

/** Whether a project may go from `from` to `to`. */
export function canTransition(from: ProjectStatus, to: ProjectStatus): boolean {
  return from === to || NEXT[from].includes(to);
}

/**
 * Refuses a transition the machine does not allow.
 *
 * Throws a CONFLICT AppError (the change clashes with the project's current state) naming both
 * statuses and the allowed ones.
 */
export function assertStatusTransition(from: ProjectStatus, to: ProjectStatus): void {
  if (canTransition(from, to)) return;
  const allowed = NEXT[from].join(', ');
  throw new AppError(
    'CONFLICT',
    `A project cannot go from "${from}" to "${to}" (from "${from}" it can go to: ${allowed}).`,
    { details: { from, to, allowed: NEXT[from] } },
  );
}

/**
 * Moves a project to `to`: the one way generation and render change a project's status.
 *
 * Refuses (CONFLICT) a transition the machine does not allow; staying put writes nothing.
 */
export function setProjectStatus(
  store: Store,
  projectId: string,
  to: ProjectStatus,
  now = Date.now(),
): void {
  store.transaction(() => {
    const project = getProject(store, projectId);
    assertStatusTransition(project.status, to);
    if (project.status === to) return;
    store.run(
      store.db
        .updateTable('projects')
        .set((eb) => ({ status: to, updated_at: now, revision: eb('revision', '+', 1) }))
        .where('id', '=', projectId),
    );
  });
}
