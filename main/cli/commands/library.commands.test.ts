import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { makeFixtures } from '../../media/testing-fixtures';
import { createServices } from '../../services';

const tempDir = useTempDirs();

const run = runCliCaptured;

let fixtures: ReturnType<typeof makeFixtures>;
beforeAll(() => {
  fixtures = makeFixtures(tempDir());
});

describe('library CLI: import, projects list, export, open-bundle', () => {
  it('round-trips a project through a .reelsmith bundle into another library', async () => {
    const home = tempDir();
    const services = createServices({ dataDir: home, shell: 'test', lock: false });
    const project = services.projects.create({ title: 'Bundle me', idea: 'a trip' });
    await services.close();

    const notes = path.join(tempDir(), 'notes.mp4');
    fs.writeFileSync(notes, 'not a video');
    const imported = await run([
      'import',
      fixtures.redPng,
      fixtures.mp4,
      notes,
      '--project',
      project.id,
      '--json',
      '--data-dir',
      home,
    ]);
    expect(imported.code).toBe(1); // one file refused
    const result = JSON.parse(imported.out) as { imported: unknown[]; failed: { name: string }[] };
    expect(result.imported).toHaveLength(2);
    expect(result.failed.map((f) => f.name)).toEqual(['notes.mp4']);

    const listed = await run(['projects', 'list', '--json', '--data-dir', home]);
    expect(JSON.parse(listed.out)).toMatchObject({ total: 1, items: [{ segmentCount: 2 }] });

    const bundle = path.join(tempDir(), 'trip.reelsmith');
    const exported = await run(['export', project.id, '-o', bundle, '--data-dir', home]);
    expect(exported.code).toBe(0);
    expect(fs.statSync(bundle).size).toBeGreaterThan(1000);

    const other = tempDir();
    const opened = await run(['open-bundle', bundle, '--json', '--data-dir', other]);
    expect(opened.code).toBe(0);
    const copy = JSON.parse(opened.out) as { id: string; title: string; lineage: unknown };
    expect(copy.id).not.toBe(project.id);
    expect(copy).toMatchObject({
      title: 'Bundle me',
      lineage: { kind: 'bundle', sourceProjectId: project.id },
    });
    const again = await run(['open-bundle', bundle, '--json', '--data-dir', other]);
    expect(again.code).toBe(0);
    const check = createServices({ dataDir: other, shell: 'test', lock: false });
    expect(check.media.list({ limit: 10, offset: 0 }).total).toBe(2); // deduplicated
    const detail = check.projects.get(copy.id);
    expect(detail.segments.map((s) => s.media[0]?.role)).toEqual(['visual', 'visual']);
    await check.close();
  });

  it('refuses a file that is not a bundle, and a missing project', async () => {
    const home = tempDir();
    const fake = path.join(tempDir(), 'fake.reelsmith');
    fs.writeFileSync(fake, 'hello');
    const opened = await run(['open-bundle', fake, '--data-dir', home]);
    expect(opened.code).toBe(1);
    expect(opened.err).toMatch(/not a Reelsmith bundle/);
    const exported = await run([
      'export',
      'nope',
      '-o',
      path.join(home, 'x.reelsmith'),
      '--data-dir',
      home,
    ]);
    expect(exported.err).toMatch(/No such project/);
    expect(fs.existsSync(path.join(home, 'x.reelsmith'))).toBe(false);
    expect((await run(['projects', 'frobnicate', '--data-dir', home])).code).toBe(2);
  });
});
