import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { SafeStorageSecretStore, type SafeStorageLike } from './safe-storage-secret.store';

function fakeSafeStorage(
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>,
): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
    decryptString: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
  };
}

describe('SafeStorageSecretStore', () => {
  it('stores encrypted values, owner-only, and reads them back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-safe-'));
    const store = new SafeStorageSecretStore(fakeSafeStorage('gnome_libsecret'), dir, 'linux');
    await store.set('openai-api-key', 'sk-secret');
    const text = fs.readFileSync(path.join(dir, 'secrets.safe.json'), 'utf8');
    expect(text).not.toContain('sk-secret');
    expect(fs.statSync(path.join(dir, 'secrets.safe.json')).mode & 0o777).toBe(0o600);
    expect(await store.get('openai-api-key')).toBe('sk-secret');
    expect(await store.delete('openai-api-key')).toBe(true);
    expect(await store.get('openai-api-key')).toBeNull();
  });

  it('refuses the basic_text backend on Linux with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-safe-'));
    const store = new SafeStorageSecretStore(fakeSafeStorage('basic_text'), dir, 'linux');
    const error = await store.set('openai-api-key', 'sk').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('KEYCHAIN');
    expect((error as AppError).message).toMatch(/fixed key.*OPENAI_API_KEY/);
    expect(fs.existsSync(path.join(dir, 'secrets.safe.json'))).toBe(false);
  });
});
