import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectListInput } from '../../../shared/contract/projects.contract';
import type { Library } from '../db/open-library';
import { openTempLibrary, tempDir } from '../testing/temp-library';
import { TRASH_RETENTION_MS } from './project.repository';
import { ProjectsService } from './projects.service';

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

const list = (input: Partial<ProjectListInput> = {}) =>
  projects.list(ProjectListInput.parse(input));

describe('projects', () => {
  it('lists, searches (literal % and _), sorts and pages', () => {
    for (const title of ['Banana bread', 'apple pie', 'Cherry 100%', 'under_score']) {
      projects.create({ title, idea: `about ${title}` });
    }
    expect(list().total).toBe(4);
    expect(list({ sort: 'title', direction: 'asc' }).items.map((p) => p.title)).toEqual([
      'apple pie',
      'Banana bread',
      'Cherry 100%',
      'under_score',
    ]);
    expect(list({ search: '100%' }).items.map((p) => p.title)).toEqual(['Cherry 100%']);
    expect(list({ search: '_' }).items.map((p) => p.title)).toEqual(['under_score']);
    expect(list({ search: 'about pie' }).total).toBe(1);
    const page = list({ sort: 'title', direction: 'asc', limit: 2, offset: 2 });
    expect(page.items.map((p) => p.title)).toEqual(['Cherry 100%', 'under_score']);
    expect(page.total).toBe(4);
  });

  it('soft-deletes to the trash, restores, and purges after 30 days', () => {
    const p = projects.create({ title: 'Gone soon' });
    projects.createSegment(p.id, { text: 'one' });
    const { purgeAfter, deletedAt } = projects.delete(p.id);
    expect(purgeAfter - deletedAt).toBe(TRASH_RETENTION_MS);
    expect(list().total).toBe(0);
    expect(list({ trash: true }).items[0]?.id).toBe(p.id);
    expect(() => projects.get(p.id)).toThrow(/No such project/);
    expect(projects.restore(p.id).deletedAt).toBeNull();
    expect(projects.get(p.id).segments).toHaveLength(1);
    projects.delete(p.id);
    expect(projects.purgeExpired(Date.now() + TRASH_RETENTION_MS - 60_000)).toBe(0);
    expect(projects.purgeExpired(Date.now() + TRASH_RETENTION_MS + 60_000)).toBe(1);
    expect(library.store.sqlite.prepare('select count(*) n from segments').get()).toEqual({ n: 0 });
  });

  it('detects a lost update with expectedRevision', () => {
    const p = projects.create({ title: 'A' });
    const updated = projects.update(p.id, { title: 'B' }, p.revision);
    expect(updated.revision).toBe(p.revision + 1);
    expect(() => projects.update(p.id, { title: 'C' }, p.revision)).toThrow(/changed elsewhere/);
  });

  it('keeps segment positions dense through create at, delete and reorder', () => {
    const p = projects.create({ title: 'Scenes' });
    const a = projects.createSegment(p.id, { text: 'a' });
    const c = projects.createSegment(p.id, { text: 'c' });
    const b = projects.createSegment(p.id, { text: 'b' }, 1);
    const texts = () => projects.get(p.id).segments.map((s) => `${s.position}${s.text}`);
    expect(texts()).toEqual(['0a', '1b', '2c']);
    projects.reorderSegments(p.id, [c.id, a.id, b.id]);
    expect(texts()).toEqual(['0c', '1a', '2b']);
    expect(() => projects.reorderSegments(p.id, [c.id, a.id])).toThrow(/exactly once/);
    expect(() => projects.reorderSegments(p.id, [c.id, a.id, a.id])).toThrow(/exactly once/);
    projects.deleteSegment(a.id);
    expect(texts()).toEqual(['0c', '1b']);
    expect(projects.updateSegment(b.id, { durationMs: 1234 }).durationMs).toBe(1234);
    expect(projects.get(p.id).segmentCount).toBe(2);
  });

  it('duplicates with segments and records lineage', () => {
    const p = projects.create({ title: 'Original' });
    projects.createSegment(p.id, {
      text: 'x',
      wordTimings: [{ word: 'x', startMs: 0, endMs: 10 }],
    });
    const copy = projects.duplicate(p.id);
    expect(copy.title).toBe('Original (copy)');
    expect(copy.lineage).toMatchObject({ kind: 'duplicate', sourceProjectId: p.id });
    expect(projects.get(copy.id).segments[0]?.wordTimings).toEqual([
      { word: 'x', startMs: 0, endMs: 10 },
    ]);
  });

  it('refuses segments pointing at missing media, changing nothing', () => {
    const p = projects.create({ title: 'Links' });
    expect(() =>
      projects.createSegment(p.id, { media: [{ mediaId: 'nope', role: 'visual' }] }),
    ).toThrow(/No such medium/);
    expect(projects.get(p.id).segments).toHaveLength(0);
    expect(projects.get(p.id).revision).toBe(p.revision);
  });
});
