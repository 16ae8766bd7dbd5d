/**
 * Secrets encrypted with Electron's `safeStorage` (OS-backed key), kept in
 * `secrets.safe.json` in the data folder. Used by the Electron shell when keytar cannot load.
 *
 * On Linux, Chromium falls back to the `basic_text` backend (a hard-coded key) when no secret
 * service runs: that is not protection, so this store refuses to write there and says why.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as Electron from 'electron';
import type { StoredSecretName as SecretName } from '../../shared/contract/secrets.contract';
import { AppError } from '../../shared/errors';
import type { SecretStore } from '../secrets/secret-store';

export type SafeStorageLike = Pick<
  Electron.SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

export const SAFE_STORAGE_FILE_NAME = 'secrets.safe.json';

export class SafeStorageSecretStore implements SecretStore {
  readonly source = 'safe-storage' as const;
  private readonly file: string;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = path.join(dataDir, SAFE_STORAGE_FILE_NAME);
  }

  async get(name: SecretName): Promise<string | null> {
    const encrypted = (await this.read())[name];
    if (encrypted === undefined) return null;
    this.assertUsable();
    return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.assertUsable();
    const encrypted = this.safeStorage.encryptString(value).toString('base64');
    await this.write({ ...(await this.read()), [name]: encrypted });
  }

  async delete(name: SecretName): Promise<boolean> {
    const values = await this.read();
    if (!(name in values)) return false;
    const { [name]: _removed, ...rest } = values;
    await this.write(rest);
    return true;
  }

  /** Throws KEYCHAIN when encryption is unavailable or only `basic_text` would "protect" the key. */
  private assertUsable(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new AppError('KEYCHAIN', 'Secure storage is not available on this system.');
    }
    if (
      this.platform === 'linux' &&
      this.safeStorage.getSelectedStorageBackend() === 'basic_text'
    ) {
      throw new AppError(
        'KEYCHAIN',
        'No secret service (GNOME Keyring, KWallet) is running, so Electron can only "encrypt" with a fixed key. ' +
          'Refusing to store the key that way: start a keyring, or set OPENAI_API_KEY.',
      );
    }
  }

  private async read(): Promise<Partial<Record<SecretName, string>>> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as Partial<
        Record<SecretName, string>
      >;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppError('IO', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
  }

  private async write(values: Partial<Record<SecretName, string>>): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(values), { mode: 0o600 });
    await fs.rename(temp, this.file);
  }
}
