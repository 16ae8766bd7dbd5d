import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretName } from '../../shared/contract/secrets.contract';
import { AppError } from '../../shared/errors';
import { createMemoryLogger } from '../util/logger';
import { FileSecretStore } from './file-secret.store';
import { MemorySecretStore, type SecretStore } from './secret-store';
import { SecretsService } from './secrets.service';

class BrokenKeychain implements SecretStore {
  readonly source = 'keychain' as const;
  private fail(): Promise<never> {
    return Promise.reject(new AppError('KEYCHAIN', 'Cannot autolaunch D-Bus without X11 $DISPLAY'));
  }
  get(_name: SecretName) {
    return this.fail();
  }
  set(_name: SecretName, _value: string) {
    return this.fail();
  }
  delete(_name: SecretName) {
    return this.fail();
  }
}

function setup(secure: SecretStore | null, env: NodeJS.ProcessEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-secrets-'));
  const file = new FileSecretStore(dir);
  const log = createMemoryLogger();
  return { dir, file, log, service: new SecretsService(secure, file, env, log) };
}

describe('SecretsService', () => {
  it('keeps keys in the secure store and never reports the value', async () => {
    const keychain = new MemorySecretStore();
    const { service, file } = setup(keychain);
    expect(await service.status('openai-api-key')).toMatchObject({ set: false, source: null });
    const status = await service.set('openai-api-key', 'sk-abc');
    expect(status).toEqual({ name: 'openai-api-key', set: true, source: 'memory', warning: null });
    expect(JSON.stringify(status)).not.toContain('sk-abc');
    expect(await keychain.get('openai-api-key')).toBe('sk-abc');
    expect(await file.get('openai-api-key')).toBeNull();
    expect(await service.get('openai-api-key')).toBe('sk-abc');
    expect(await service.delete('openai-api-key')).toMatchObject({ set: false });
  });

  it('lets OPENAI_API_KEY win over stored keys', async () => {
    const { service } = setup(new MemorySecretStore(), { OPENAI_API_KEY: 'sk-env' });
    await service.set('openai-api-key', 'sk-stored');
    expect(await service.get('openai-api-key')).toBe('sk-env');
    expect(await service.status('openai-api-key')).toMatchObject({ set: true, source: 'env' });
  });

  it('falls back to an owner-only file with a visible warning when no keychain answers', async () => {
    const { service, file, log } = setup(new BrokenKeychain());
    const status = await service.set('openai-api-key', 'sk-file');
    expect(status.source).toBe('file');
    expect(status.warning).toMatch(/unencrypted.*OPENAI_API_KEY/);
    expect(log.lines.some((l) => l.startsWith('warn secrets:'))).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file.file).mode & 0o777).toBe(0o600);
    expect(await service.get('openai-api-key')).toBe('sk-file');
    expect(await service.delete('openai-api-key')).toMatchObject({ set: false, source: null });
    expect(await file.get('openai-api-key')).toBeNull();
  });

  it('works with no keychain module at all', async () => {
    const { service } = setup(null);
    expect((await service.set('openai-api-key', 'k')).source).toBe('file');
  });
});
