import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createMemoryLogger } from '../util/logger';
import { createServices } from '../services';
import { Router, type Handlers } from './router';
import { createHandlers } from './handlers';
import { useTempDirs } from '../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

function routerWith(overrides: Partial<Handlers> = {}) {
  const log = createMemoryLogger();
  const services = createServices({ dataDir: tempDir(), shell: 'test', lock: false, log });
  const router = new Router({ ...createHandlers(services), ...overrides }, log);
  return { router, log };
}

const context = { transport: 'in-process' } as const;

describe('Router.handle', () => {
  it('returns ok with the validated output', async () => {
    const { router } = routerWith();
    const result = await router.handle('settings.get', {}, context);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ language: 'en' }) });
  });

  it('rejects bad input with VALIDATION naming the field', async () => {
    const { router } = routerWith();
    const result = await router.handle('settings.set', { hardwareEncoding: 'yes' }, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toContain('hardwareEncoding');
    expect(result.error.details).toEqual([
      { path: ['hardwareEncoding'], message: expect.any(String) },
    ]);
  });

  it('rejects unknown keys rather than dropping them silently', async () => {
    const { router } = routerWith();
    const result = await router.handle('settings.set', { languag: 'de' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toContain('languag');
  });

  it('answers an unknown operation with UNKNOWN_OPERATION', async () => {
    const { router } = routerWith();
    for (const name of ['nope.nothing', 42, undefined, '__proto__', 'toString']) {
      const result = await router.handle(name, {}, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }
  });

  it('passes AppErrors through with their code', async () => {
    const { router } = routerWith({
      'settings.get': () => {
        throw new AppError('NOT_FOUND', 'gone', { retryable: true });
      },
    });
    expect(await router.handle('settings.get', {}, context)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', retryable: true },
    });
  });

  it('hides unexpected errors behind INTERNAL and logs them', async () => {
    const { router, log } = routerWith({
      'settings.get': () => {
        throw new Error('secret /home/user/path');
      },
    });
    const result = await router.handle('settings.get', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toContain('/home/user');
    expect(log.lines.join('\n')).toContain('secret /home/user/path');
  });

  it('refuses output that breaks the contract', async () => {
    const { router } = routerWith({
      // @ts-expect-error deliberately wrong output
      'settings.get': () => ({ language: 5 }),
    });
    expect(await router.handle('settings.get', {}, context)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
