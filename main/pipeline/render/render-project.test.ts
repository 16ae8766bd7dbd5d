import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderJob } from '../../../shared/contract/render.contract';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { makeFixtures } from '../../media/testing-fixtures';
import { createServices } from '../../services';
import { upsertLayer } from '../../store/projects/layer.repository';
import { setProjectStatus } from '../../store/projects/project-status';
import { createMemoryLogger } from '../../util/logger';
import { probe } from './render-test-kit';

const tempDir = useTempDirs();

/** A hand-made library project: a still and a video segment, captions, voice and music layers. */
async function buildProject(dataDir: string) {
  const fixtures = makeFixtures(tempDir());
  const services = createServices({
    dataDir,
    shell: 'test',
    lock: false,
    log: createMemoryLogger(),
  });
  const add = async (file: string) =>
    (await services.media.importFile({ path: file, name: path.basename(file) })).media.id;
  const still = await add(fixtures.png('blue.png', 'blue'));
  const video = await add(fixtures.mp4);
  const tone = await add(fixtures.wav);
  const project = services.projects.create({ title: 'Hand made' });
  services.projects.createSegment(project.id, {
    durationMs: 1000,
    transition: 'fade',
    media: [
      { mediaId: still, role: 'visual' },
      { mediaId: tone, role: 'audio' },
    ],
    wordTimings: [{ word: 'Hello', startMs: 100, endMs: 600 }],
  });
  services.projects.createSegment(project.id, {
    durationMs: 1500,
    volume: 0.5,
    media: [{ mediaId: video, role: 'visual' }],
    wordTimings: [{ word: 'world', startMs: 0, endMs: 500 }],
  });
  const store = services.library.store;
  upsertLayer(store, project.id, {
    kind: 'captions',
    mediaId: null,
    settings: { style: { fontSize: 60 } },
  });
  upsertLayer(store, project.id, { kind: 'voice', mediaId: null, settings: { volume: 1 } });
  upsertLayer(store, project.id, {
    kind: 'music',
    mediaId: tone,
    settings: { volume: 0.3, ducking: true, fadeIn: 0.2, fadeOut: 0.5 },
  });
  return { services, projectId: project.id };
}

describe('rendering a library project', () => {
  it('reelsmith render <project-id> renders it (ffprobe) and the project goes rendering → rendered', async () => {
    const dataDir = tempDir();
    const { services, projectId } = await buildProject(dataDir);
    await services.close();
    const output = path.join(tempDir(), 'made.mp4');

    // A draft built by hand (never generated) renders as it is.
    const run = await runCliCaptured([
      '--data-dir',
      dataDir,
      'render',
      projectId,
      '-o',
      output,
      '--preset',
      'proxy',
      '--json',
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(result).toMatchObject({ output, encoder: 'libx264' });
    expect(result.duration).toBeCloseTo(2.5, 1);
    const probed = probe(output);
    const video = probed.streams.find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({
      width: 540,
      height: 960,
      codec_name: 'h264',
      pix_fmt: 'yuv420p',
    });
    expect(probed.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    expect(Number(probed.format.duration)).toBeCloseTo(2.5, 0);

    const listed = await runCliCaptured(['--data-dir', dataDir, 'projects', 'list', '--json']);
    expect(JSON.parse(listed.out)).toMatchObject({
      items: [{ id: projectId, status: 'rendered' }],
    });
  }, 180_000);

  it('render.start with a projectId queues it as a job of the project', async () => {
    const dataDir = tempDir();
    const { services, projectId } = await buildProject(dataDir);
    try {
      const store = services.library.store;
      setProjectStatus(store, projectId, 'generating');
      setProjectStatus(store, projectId, 'ready');
      const jobs: RenderJob[] = [];
      services.events.on('render.job', (job) => jobs.push(job));
      const target = services.fileRegistry.registerLocalTarget(path.join(tempDir(), 'ui.mp4'));
      const ctx = { transport: 'in-process' } as const;
      const both = await services.router.handle(
        'render.start',
        { projectId, timeline: { version: 1, clips: [] }, target: { id: target.id } },
        ctx,
      );
      expect(both).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      const started = await services.router.handle(
        'render.start',
        { projectId, target: { id: target.id }, preset: 'proxy' },
        ctx,
      );
      expect(started).toMatchObject({ ok: true, value: { projectId, status: 'queued' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(['rendering', 'rendered']).toContain(services.projects.get(projectId).status);
      await services.renderQueue.whenIdle();
      expect(jobs.at(-1)).toMatchObject({ status: 'done', projectId });
      expect(services.projects.get(projectId).status).toBe('rendered');
      expect(Number(probe(target.path).format.duration)).toBeCloseTo(2.5, 0);
      const row = store.sqlite
        .prepare("select status, project_id from jobs where type = 'render'")
        .get();
      expect(row).toEqual({ status: 'succeeded', project_id: projectId });

      // Re-running while the project is being regenerated is refused and leaves it generating.
      setProjectStatus(store, projectId, 'generating');
      const again = services.renderQueue.rerun(jobs.at(-1)!.id);
      await services.renderQueue.whenIdle();
      expect(services.renderQueue.get(again.id)).toMatchObject({
        status: 'failed',
        error: { code: 'CONFLICT' },
      });
      expect(services.projects.get(projectId).status).toBe('generating');
    } finally {
      await services.close();
    }
  }, 180_000);
});
