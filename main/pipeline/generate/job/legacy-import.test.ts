import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { makeFixtures } from '../../../media/testing-fixtures';
import { createGenerationHarness } from '../testing/generation-harness';

const tempDir = useTempDirs();

const version = (file: string, prompt: string) => ({
  mediaId: 'old-sha',
  path: file,
  provider: 'offline',
  model: 'procedural',
  prompt,
  seed: 7,
  durationSec: null,
  createdAt: '2026-11-20T10:00:00.000Z',
});

/** What the pre-library JsonGenerationRepository wrote. */
function writeLegacyFolder(dataDir: string): void {
  const fixtures = makeFixtures(tempDir());
  const old = path.join(dataDir, 'media', 'ab');
  fs.mkdirSync(old, { recursive: true });
  const red = path.join(old, 'red.png');
  const blue = path.join(old, 'blue.png');
  fs.copyFileSync(fixtures.png('r.png', 'red'), red);
  fs.copyFileSync(fixtures.png('b.png', 'blue'), blue);
  const projects = path.join(dataDir, 'generation', 'projects');
  const jobs = path.join(dataDir, 'generation', 'jobs');
  fs.mkdirSync(projects, { recursive: true });
  fs.mkdirSync(jobs, { recursive: true });
  const segment = {
    index: 0,
    text: 'Octopuses have three hearts.',
    imagePrompt: 'an octopus',
    plannedDurationSec: 3,
    images: [version(red, 'a red octopus'), version(blue, 'a blue octopus')],
    voices: [],
    words: null,
  };
  fs.writeFileSync(
    path.join(projects, 'p-legacy.json'),
    JSON.stringify({
      id: 'p-legacy',
      idea: 'octopus facts',
      title: 'Old octopus',
      style: 'fun',
      language: 'en',
      targetDurationSec: 15,
      segments: [
        segment,
        { ...segment, index: 1, images: [version(path.join(old, 'gone.png'), 'x')] },
      ],
      captions: null,
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:05:00.000Z',
    }),
  );
  const offline = {
    scriptProvider: 'offline',
    imageProvider: 'offline',
    speechProvider: 'offline',
    transcriptionProvider: 'offline',
  };
  fs.writeFileSync(
    path.join(jobs, 'j-legacy.json'),
    JSON.stringify({
      id: 'j-legacy',
      projectId: 'p-legacy',
      state: 'running',
      stage: 'images',
      completedStages: ['script', 'segments'],
      error: null,
      usage: {
        requests: 0,
        promptTokens: 0,
        completionTokens: 0,
        images: 2,
        speechCharacters: 0,
        audioSeconds: 0,
      },
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:05:00.000Z',
      input: { idea: 'octopus facts', durationSec: 15, style: 'fun' },
      checkpoints: {
        script: {
          title: 'Old octopus',
          segments: [
            { text: 'Octopuses have three hearts.', imagePrompt: 'an octopus', duration: 3 },
            { text: 'Octopuses have three hearts.', imagePrompt: 'an octopus', duration: 3 },
          ],
        },
      },
      overrides: offline,
    }),
  );
}

describe('the old generation/ folder', () => {
  it('is imported once into the library, versions and job included, and the job resumes', async () => {
    const dataDir = tempDir();
    writeLegacyFolder(dataDir);
    const { services } = await createGenerationHarness({ baseUrl: null, dataDir });
    const project = await services.generation.getProject('p-legacy');
    expect(project).toMatchObject({ title: 'Old octopus', status: 'failed', style: 'fun' });
    const first = project.segments[0]!;
    expect(first.images.map((v) => [v.version, v.prompt, v.active])).toEqual([
      [1, 'a red octopus', false],
      [2, 'a blue octopus', true],
    ]);
    expect(first.images[1]!.path).toBe(services.media.pathOf(first.images[1]!.mediaId));
    expect(services.media.get(first.images[1]!.mediaId)).toMatchObject({
      source: 'generated',
      provenance: { provider: 'offline', prompt: 'a blue octopus', seed: 7 },
    });
    // The second segment's file was gone: that version is left out, the segment kept.
    expect(project.segments[1]!.images).toEqual([]);
    expect(services.projects.get('p-legacy').segments).toHaveLength(2);
    expect(await services.generation.getJob('j-legacy')).toMatchObject({
      state: 'interrupted',
      completedStages: ['script', 'segments'],
    });
    expect(fs.existsSync(path.join(dataDir, 'generation'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'generation.imported', 'projects'))).toBe(true);

    await services.generation.resume('j-legacy');
    const done = await services.generation.wait('j-legacy');
    expect(done.state).toBe('completed');
    const finished = await services.generation.getProject('p-legacy');
    expect(finished.status).toBe('ready');
    // The imported image was kept (not made again); the missing one was made.
    expect(finished.segments[0]!.images).toHaveLength(2);
    expect(finished.segments[1]!.images).toHaveLength(1);
    await services.close();

    // A second start finds nothing to import and keeps what is there.
    const again = await createGenerationHarness({ baseUrl: null, dataDir });
    expect((await again.services.generation.getProject('p-legacy')).segments).toHaveLength(2);
    expect(
      again.services.projects.list({
        sort: 'updated',
        direction: 'desc',
        limit: 50,
        offset: 0,
        trash: false,
      }).total,
    ).toBe(1);
    await again.services.close();
  }, 120_000);
});
