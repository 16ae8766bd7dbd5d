import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../testing/fake-openai.server';
import { createGenerationHarness } from '../testing/generation-harness';

let fake: FakeOpenAiServer;
beforeEach(async () => {
  fake = await FakeOpenAiServer.start();
});
afterEach(() => fake.close());

const idea = { idea: 'three facts about octopuses', durationSec: 15 };

describe('idea → project job (OpenAI-compatible, fake server)', () => {
  it('runs every stage and produces a ready project with provenance, timings, captions and usage', async () => {
    const { services, progress } = await createGenerationHarness({ baseUrl: fake.baseUrl });
    const { jobId, projectId } = await services.generation.start(idea);
    const job = await services.generation.wait(jobId);
    expect(job.state).toBe('completed');
    expect(job.completedStages).toEqual([
      'script',
      'segments',
      'images',
      'voice',
      'timings',
      'captions',
      'ready',
    ]);
    expect(job.usage).toMatchObject({ requests: 1 + 3 + 3 + 3, promptTokens: 50, images: 3 });
    const project = await services.generation.getProject(projectId);
    expect(project.title).toBe('Octopus facts');
    expect(project.segments).toHaveLength(3);
    const first = project.segments[0]!;
    expect(first.images[0]).toMatchObject({
      provider: 'openai-compatible',
      model: 'fake-image',
      prompt: 'an octopus with glowing hearts',
    });
    expect(fs.existsSync(first.images[0]!.path)).toBe(true);
    expect(first.words?.map((w) => w.word)).toEqual(['Octopuses', 'have', 'three', 'hearts.']);
    expect(project.captions?.[0]?.text).toBe('Octopuses have three');
    expect(project.captions?.at(-1)?.start).toBeGreaterThan(3);
    expect(fake.received.every((r) => r.authorization === 'Bearer sk-harness')).toBe(true);
    expect(progress.filter((p) => p.stage === 'images' && p.state === 'item')).toHaveLength(3);
    expect(progress.filter((p) => p.state === 'done').map((p) => p.stage)).toHaveLength(7);

    // The generated project is a library project the editor sees and edits.
    const listed = services.projects.list({
      sort: 'updated',
      direction: 'desc',
      limit: 50,
      offset: 0,
      trash: false,
    });
    expect(listed.items.map((p) => [p.id, p.title, p.status, p.segmentCount])).toEqual([
      [projectId, 'Octopus facts', 'ready', 3],
    ]);
    const detail = services.projects.get(projectId);
    expect(detail.script).toContain('Octopuses have three hearts.');
    expect(detail.layers.map((l) => l.kind).sort()).toEqual(['captions', 'voice']);
    const visual = detail.segments[0]?.media.find((m) => m.role === 'visual');
    const audio = detail.segments[0]?.media.find((m) => m.role === 'audio');
    expect(visual?.mediaId).toBe(first.images[0]!.mediaId);
    expect(audio?.mediaId).toBe(first.voices[0]!.mediaId);
    expect(detail.segments[0]?.wordTimings?.[0]).toMatchObject({ word: 'Octopuses', startMs: 0 });
    const image = services.media.get(first.images[0]!.mediaId);
    expect(image).toMatchObject({
      kind: 'image',
      source: 'generated',
      width: 2,
      height: 2,
      provenance: { provider: 'openai-compatible', model: 'fake-image' },
    });
    expect(services.media.get(first.voices[0]!.mediaId)).toMatchObject({
      kind: 'audio',
      source: 'generated',
    });
    // The job is a row of the jobs table, with its stage checkpoints.
    const row = services.library.store.sqlite
      .prepare('select type, status, project_id, progress, checkpoint_json from jobs where id = ?')
      .get(jobId) as {
      type: string;
      status: string;
      project_id: string;
      progress: number;
      checkpoint_json: string;
    };
    expect(row).toMatchObject({
      type: 'generate',
      status: 'succeeded',
      project_id: projectId,
      progress: 1,
    });
    expect(JSON.parse(row.checkpoint_json)).toMatchObject({
      completedStages: job.completedStages,
      checkpoints: { script: { title: 'Octopus facts' } },
    });
  });

  it('fails with a readable reason, keeps earlier stages, and resumes without paying twice', async () => {
    const { services } = await createGenerationHarness({ baseUrl: fake.baseUrl });
    fake.enqueue('images', ...Array.from({ length: 12 }, () => ({ status: 500 })));
    const { jobId, projectId } = await services.generation.start(idea);
    const failed = await services.generation.wait(jobId);
    expect(failed.state).toBe('failed');
    expect(failed.stage).toBe('images');
    expect(failed.error?.message).toMatch(/^image: the server answered 500/);
    expect(failed.completedStages).toEqual(['script', 'segments']);
    expect((await services.generation.getProject(projectId)).segments).toHaveLength(3);

    await services.generation.resume(jobId);
    const done = await services.generation.wait(jobId);
    expect(done.state).toBe('completed');
    expect(fake.count('chat')).toBe(1);
  });

  it('resumes after the process is killed between stages: finished stages are not requested again', async () => {
    const { dataDir } = await createGenerationHarness({ baseUrl: null });
    const child = fileURLToPath(
      new URL('../testing/kill-between-stages.child.ts', import.meta.url),
    );
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', child],
          {
            env: {
              ...process.env,
              FAKE_OPENAI_URL: fake.baseUrl,
              REELSMITH_DATA_DIR: dataDir,
              KILL_AFTER_STAGE: 'images',
            },
            timeout: 60_000,
          },
          (error, out) => resolve({ code: error ? (error.code as number | null) : 0, stdout: out }),
        );
      },
    );
    expect(stdout).not.toContain('finished');
    expect(code).not.toBe(0);
    const { jobId } = JSON.parse(stdout.split('\n')[0] ?? '{}') as { jobId: string };
    expect([fake.count('chat'), fake.count('images'), fake.count('speech')]).toEqual([1, 3, 0]);

    const { services } = await createGenerationHarness({ baseUrl: fake.baseUrl, dataDir });
    const interrupted = await services.generation.getJob(jobId);
    expect(interrupted.completedStages).toEqual(['script', 'segments', 'images']);
    expect(interrupted.state).toBe('interrupted');
    expect(interrupted.error?.message).toMatch(/stopped while this generate job was running/);
    expect(services.projects.get(interrupted.projectId).status).toBe('failed');
    await services.generation.resume(jobId);
    const done = await services.generation.wait(jobId);
    expect(done.state).toBe('completed');
    expect(services.projects.get(done.projectId).status).toBe('ready');
    expect([
      fake.count('chat'),
      fake.count('images'),
      fake.count('speech'),
      fake.count('transcriptions'),
    ]).toEqual([1, 3, 3, 3]);
  });

  it('regenerates one segment, keeping the previous versions', async () => {
    const { services } = await createGenerationHarness({ baseUrl: fake.baseUrl });
    const { jobId, projectId } = await services.generation.start(idea);
    await services.generation.wait(jobId);
    const image = await services.generation.regenerate({
      projectId,
      segmentIndex: 1,
      what: 'image',
      prompt: 'a blue octopus',
    });
    expect(image.images.map((v) => v.prompt)).toEqual([
      'blue blood cells under the sea',
      'a blue octopus',
    ]);
    const voice = await services.generation.regenerate({
      projectId,
      segmentIndex: 1,
      what: 'voice',
      prompt: 'Their blood is really blue.',
    });
    expect(voice.voices).toHaveLength(2);
    expect(voice.words?.map((w) => w.word)).toEqual(['Their', 'blood', 'is', 'really', 'blue.']);
    const project = await services.generation.getProject(projectId);
    expect(project.captions?.some((c) => c.text.includes('really'))).toBe(true);
    expect(project.status).toBe('ready');

    // Undo: the first image and voice come back; every version stays browsable.
    const undone = await services.generation.restore({
      projectId,
      segmentIndex: 1,
      what: 'image',
      version: 1,
    });
    expect(undone.images.map((v) => [v.version, v.prompt, v.active])).toEqual([
      [1, 'blue blood cells under the sea', true],
      [2, 'a blue octopus', false],
    ]);
    const voiceBack = await services.generation.restore({
      projectId,
      segmentIndex: 1,
      what: 'voice',
      version: 1,
    });
    expect(voiceBack.voices.map((v) => v.active)).toEqual([true, false]);
    expect(voiceBack.words?.map((w) => w.word)).not.toContain('really');
    const segment = services.projects.get(projectId).segments[1]!;
    expect(segment.media.find((m) => m.role === 'visual')?.mediaId).toBe(undone.images[0]!.mediaId);
    // Old versions are references: garbage collection keeps them.
    services.media.collectGarbage();
    expect(fs.existsSync(undone.images[1]!.path)).toBe(true);
    await expect(
      services.generation.restore({ projectId, segmentIndex: 1, what: 'image', version: 9 }),
    ).rejects.toThrow(/has no image version 9/);
  });

  it('cancels a running job and can resume it', async () => {
    const { services } = await createGenerationHarness({ baseUrl: fake.baseUrl });
    const { jobId } = await services.generation.start(idea);
    expect(services.generation.cancel(jobId)).toEqual({ cancelled: true });
    const cancelled = await services.generation.wait(jobId);
    expect(cancelled.state).toBe('cancelled');
    await services.generation.resume(jobId);
    expect((await services.generation.wait(jobId)).state).toBe('completed');
  });
});

describe('idea → project job (offline)', () => {
  it('always produces a ready project with no network', async () => {
    const { services } = await createGenerationHarness({ baseUrl: null });
    const { jobId, projectId } = await services.generation.start({ ...idea, provider: 'offline' });
    const job = await services.generation.wait(jobId);
    expect(job.error).toBeNull();
    expect(job.state).toBe('completed');
    const project = await services.generation.getProject(projectId);
    expect(project.segments.length).toBeGreaterThanOrEqual(3);
    for (const segment of project.segments) {
      expect(segment.images[0]?.provider).toBe('offline');
      expect(segment.voices[0]?.durationSec).toBeGreaterThan(0.5);
      expect(segment.words?.length).toBeGreaterThan(0);
    }
    expect(project.captions?.length).toBeGreaterThan(3);
    expect(fake.received).toHaveLength(0);
  }, 120_000);
});
