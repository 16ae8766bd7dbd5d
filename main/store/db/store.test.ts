import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { ProjectsService } from '../projects/projects.service';
import { openTempLibrary } from '../testing/temp-library';
import type { Library } from './open-library';
import { param } from './store';

const tempDir = useTempDirs();
let library: Library;
beforeEach(() => (library = openTempLibrary(tempDir())));
afterEach(() => library.close());

describe('Store.prepared', () => {
  it('builds and compiles a query once, then binds named values', () => {
    const { store } = library;
    const projects = new ProjectsService(store);
    const a = projects.create({ title: 'Alpha' });
    projects.create({ title: 'Beta' });
    const build = vi.fn(() =>
      store.db.selectFrom('projects').select('title').where('id', '=', param<string>('id')),
    );
    expect(store.prepared('test.title', build).first({ id: a.id })).toEqual({ title: 'Alpha' });
    expect(store.prepared('test.title', build).all({ id: 'nope' })).toEqual([]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('refuses a value that is not a param (it would be frozen into the cached query)', () => {
    const { store } = library;
    expect(() =>
      store.prepared('test.frozen', () =>
        store.db.selectFrom('projects').select('id').where('title', '=', 'x'),
      ),
    ).toThrow(/use param\(\)/);
    expect(() => param('x; drop table projects')).toThrow(/bad name/);
  });

  it('segment updates with different sets of fields each get their own statement', () => {
    const projects = new ProjectsService(library.store);
    const project = projects.create({ title: 'Shapes' });
    const segment = projects.createSegment(project.id, { text: 'one' });
    expect(projects.updateSegment(segment.id, { text: 'two' })).toMatchObject({
      text: 'two',
      durationMs: 3000,
    });
    expect(
      projects.updateSegment(segment.id, {
        durationMs: 4500,
        motion: 'pan-left',
        wordTimings: null,
      }),
    ).toMatchObject({ text: 'two', durationMs: 4500, motion: 'pan-left', wordTimings: null });
    const timings = [{ word: 'hi', startMs: 0, endMs: 300 }];
    expect(projects.updateSegment(segment.id, { wordTimings: timings, volume: 0.5 })).toMatchObject(
      { wordTimings: timings, volume: 0.5, motion: 'pan-left' },
    );
    expect(projects.get(project.id).revision).toBe(5); // create 1, segment 2, three edits
  });
});
