import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { openTempLibrary } from '../testing/temp-library';
import { getProject, insertProject } from './project.repository';
import { canTransition, setProjectStatus } from './project-status';

const tempDir = useTempDirs();

describe('project status', () => {
  it('follows draft → generating → ready → rendering → rendered, any → failed, and retries', () => {
    const library = openTempLibrary(tempDir());
    const store = library.store;
    const id = insertProject(store, { title: 'Life' });
    const walk = ['generating', 'ready', 'rendering', 'rendered', 'generating', 'failed'] as const;
    for (const status of walk) {
      setProjectStatus(store, id, status);
      expect(getProject(store, id).status).toBe(status);
    }
    setProjectStatus(store, id, 'rendering');
    expect(() => setProjectStatus(store, id, 'generating')).toThrow(
      /"Life" is rendering; it cannot become generating now/,
    );
    expect(canTransition('draft', 'ready')).toBe(false);
    expect(canTransition('ready', 'rendering')).toBe(true);
    expect(canTransition('failed', 'generating')).toBe(true);
    expect(canTransition('generating', 'rendering')).toBe(false);
    library.close();
  });
});
