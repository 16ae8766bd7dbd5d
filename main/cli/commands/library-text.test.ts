import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../../tests/helpers/run-cli';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { makeFixtures } from '../../media/testing-fixtures';
import { createServices } from '../../services';

const tempDir = useTempDirs();
let fixtures: ReturnType<typeof makeFixtures>;
beforeAll(() => {
  fixtures = makeFixtures(tempDir());
});

describe('library CLI, text output', () => {
  it('import without --project adds media only; again says it is already there', async () => {
    const home = tempDir();
    const first = await run(['import', fixtures.redPng, fixtures.wav, '--data-dir', home]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^\S+ {2}image red\.png\n\S+ {2}audio tone\.wav\n$/);
    const again = await run(['import', fixtures.redPng, '--data-dir', home]);
    expect(again.out).toContain('red.png  (already in the library)');
    const missing = await run([
      'import',
      path.join(home, 'nope.png'),
      fixtures.redPng,
      '--data-dir',
      home,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nope\.png/);
    const list = await run(['projects', 'list', '--data-dir', home]);
    expect(list.out).toBe('0 of 0 project(s)\n'); // media only, no project made
  });

  it('projects list prints one line per project, searches and sorts', async () => {
    const home = tempDir();
    const services = createServices({ dataDir: home, shell: 'test', lock: false });
    services.projects.create({ title: 'Zebra facts' });
    services.projects.create({ title: 'apple pie' });
    const trashed = services.projects.create({ title: 'Old draft' });
    services.projects.delete(trashed.id);
    await services.close();

    const byTitle = await run(['projects', 'list', '--sort', 'title', '--data-dir', home]);
    const lines = byTitle.out.trim().split('\n');
    expect(lines).toHaveLength(3);
    // The default direction is descending; titles compare without case (binary order would flip them).
    expect(lines[0]).toMatch(/draft\s+0 seg {2}Zebra facts$/);
    expect(lines[1]).toMatch(/apple pie$/);
    expect(lines[2]).toBe('2 of 2 project(s)');
    const found = await run(['projects', 'list', '--search', 'zeb', '--data-dir', home]);
    expect(found.out).toMatch(/Zebra facts\n1 of 1 project\(s\)\n$/);
    const trash = await run(['projects', 'list', '--trash', '--data-dir', home]);
    expect(trash.out).toMatch(/Old draft\n1 of 1 project\(s\)\n$/);
    const bad = await run(['projects', 'list', '--sort', 'size', '--data-dir', home]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/sort/);
  });
});
