import { describe, expect, it } from 'vitest';
import { createGenerationHarness } from './testing/generation-harness';

describe('generate.* and secrets.* through the contract router', () => {
  it('sets and checks an API key without ever returning it', async () => {
    const { services } = await createGenerationHarness({ baseUrl: null });
    const ctx = { transport: 'in-process' as const };
    const set = await services.router.handle(
      'secrets.set',
      { name: 'openai-api-key', value: 'sk-very-secret' },
      ctx,
    );
    expect(set).toEqual({
      ok: true,
      value: { name: 'openai-api-key', set: true, source: 'memory', warning: null },
    });
    const has = await services.router.handle('secrets.has', { name: 'openai-api-key' }, ctx);
    expect(JSON.stringify(has)).not.toContain('sk-very-secret');
    const unknown = await services.router.handle('secrets.has', { name: 'aws' }, ctx);
    expect(unknown.ok).toBe(false);
    const deleted = await services.router.handle('secrets.delete', { name: 'openai-api-key' }, ctx);
    expect(deleted).toMatchObject({ ok: true, value: { set: false } });
  });

  it('validates generate.start input and runs an offline job to the end', async () => {
    const { services, progress } = await createGenerationHarness({ baseUrl: null });
    const ctx = { transport: 'in-process' as const };
    const bad = await services.router.handle(
      'generate.start',
      { idea: 'x', durationSec: 5000 },
      ctx,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const started = await services.router.handle(
      'generate.start',
      { idea: 'why cats purr', durationSec: 10, provider: 'offline' },
      ctx,
    );
    if (!started.ok) throw new Error(started.error.message);
    const { jobId, projectId } = started.value as { jobId: string; projectId: string };
    await services.generation.wait(jobId);
    const job = await services.router.handle('generate.job', { jobId }, ctx);
    expect(job).toMatchObject({ ok: true, value: { state: 'completed', projectId } });
    const project = await services.router.handle('generate.project', { projectId }, ctx);
    expect(project.ok).toBe(true);
    expect(progress.some((p) => p.stage === 'ready' && p.state === 'done')).toBe(true);
  }, 120_000);
});
