import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStatus } from '../../../shared/contract/projects.contract';
import { AppError } from '../../../shared/errors';
import type { Library } from '../db/open-library';
import { openTempLibrary, tempDir } from '../testing/temp-library';
import { getProject, insertProject } from './project.repository';
import { assertStatusTransition, canTransition, setProjectStatus } from './project-status';
import { ProjectsService } from './projects.service';

type Status = ProjectStatus;
const ALL = ProjectStatus.options;

/** Every allowed change of status (identity aside), written out from the text. */
const ALLOWED: readonly (readonly [Status, Status])[] = [
  ['draft', 'generating'],
  ['generating', 'ready'],
  ['ready', 'rendering'],
  ['rendering', 'rendered'],
  // any → failed
  ['draft', 'failed'],
  ['generating', 'failed'],
  ['ready', 'failed'],
  ['rendering', 'failed'],
  ['rendered', 'failed'],
  // a hand-built project renders without being generated
  ['draft', 'rendering'],
  // retry after a failure
  ['failed', 'generating'],
  ['failed', 'rendering'],
  // regenerate and re-render
  ['ready', 'generating'],
  ['rendered', 'generating'],
  ['rendered', 'rendering'],
];
const allowed = new Set(ALLOWED.map(([a, b]) => `${a}→${b}`));
const table = ALL.flatMap((from) =>
  ALL.filter((to) => to !== from).map((to) => ({ from, to, ok: allowed.has(`${from}→${to}`) })),
);

describe('project status transitions', () => {
  it('covers all 30 ordered pairs, 15 allowed', () => {
    expect(table).toHaveLength(30);
    expect(table.filter((t) => t.ok)).toHaveLength(15);
  });

  it.each(table)('$from → $to: allowed $ok', ({ from, to, ok }) => {
    expect(canTransition(from, to)).toBe(ok);
    if (ok) {
      expect(() => assertStatusTransition(from, to)).not.toThrow();
      return;
    }
    let caught: unknown;
    try {
      assertStatusTransition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('CONFLICT');
    expect((caught as AppError).message).toContain(`"${from}"`);
    expect((caught as AppError).message).toContain(`"${to}"`);
  });

  it.each(ALL)('%s → %s (unchanged) is allowed', (status) => {
    expect(canTransition(status, status)).toBe(true);
  });
});

describe('projects.update enforces the status machine', () => {
  let library: Library;
  let projects: ProjectsService;
  let cleanup: () => void;
  beforeEach(() => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    library = openTempLibrary(temp.dir);
    projects = new ProjectsService(library.store);
  });
  afterEach(() => {
    library.close();
    cleanup();
  });

  it('walks the happy path, then refuses a skip and changes nothing', () => {
    const project = projects.create({ title: 'Status walk' });
    for (const status of ['generating', 'ready', 'rendering', 'rendered', 'generating'] as const) {
      expect(projects.update(project.id, { status }).status).toBe(status);
    }
    const before = projects.get(project.id);
    expect(() => projects.update(project.id, { status: 'rendered', title: 'Skipped' })).toThrow(
      /from "generating" to "rendered"/,
    );
    const after = projects.get(project.id);
    expect(after.status).toBe('generating');
    expect(after.title).toBe('Status walk');
    expect(after.revision).toBe(before.revision);
  });

  it('refuses draft → rendered with CONFLICT and leaves other fields alone', () => {
    const project = projects.create({ title: 'Draft' });
    expect(() => projects.update(project.id, { status: 'rendered' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(projects.update(project.id, { title: 'Still a draft' }).status).toBe('draft');
  });
});

describe('setProjectStatus', () => {
  it('follows draft → generating → ready → rendering → rendered, any → failed, and retries', () => {
    const temp = tempDir();
    const library = openTempLibrary(temp.dir);
    const store = library.store;
    const id = insertProject(store, { title: 'Life' });
    const walk = ['generating', 'ready', 'rendering', 'rendered', 'generating', 'failed'] as const;
    for (const status of walk) {
      setProjectStatus(store, id, status);
      expect(getProject(store, id).status).toBe(status);
    }
    setProjectStatus(store, id, 'rendering');
    expect(() => setProjectStatus(store, id, 'generating')).toThrow(
      /cannot go from "rendering" to "generating"/,
    );
    expect(getProject(store, id).status).toBe('rendering');
    library.close();
    temp.cleanup();
  });
});
