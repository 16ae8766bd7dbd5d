/**
 * The documented fallback when no keychain answers (the CLI or browser shell on a headless box):
 * `secrets.json` in the data folder, readable by the owner only (0600). Not encrypted: every
 * write and read reports a warning so the user knows, and `OPENAI_API_KEY` is the better choice.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { StoredSecretName as SecretName } from '../../shared/contract/secrets.contract';
import { AppError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

export const SECRETS_FILE_NAME = 'secrets.json';

export const FILE_FALLBACK_WARNING =
  'No OS keychain answered, so the key is stored unencrypted in secrets.json in the data folder ' +
  '(readable by your user only). Prefer the OPENAI_API_KEY environment variable on shared machines.';

export class FileSecretStore implements SecretStore {
  readonly source = 'file' as const;
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, SECRETS_FILE_NAME);
  }

  async get(name: SecretName): Promise<string | null> {
    return (await this.read())[name] ?? null;
  }

  async set(name: SecretName, value: string): Promise<void> {
    await this.write({ ...(await this.read()), [name]: value });
  }

  async delete(name: SecretName): Promise<boolean> {
    const values = await this.read();
    if (!(name in values)) return false;
    const { [name]: _removed, ...rest } = values;
    await this.write(rest);
    return true;
  }

  private async read(): Promise<Partial<Record<SecretName, string>>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppError('IO', `Cannot read ${this.file}: ${(error as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      return typeof parsed === 'object' && parsed !== null ? parsed : {};
    } catch {
      throw new AppError('IO', `${this.file} is not valid JSON; fix or delete it.`);
    }
  }

  /** Writes a temporary file created 0600, then renames it, so the key is never world-readable. */
  private async write(values: Partial<Record<SecretName, string>>): Promise<void> {
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
    await fs.chmod(temp, 0o600);
    await fs.rename(temp, this.file);
  }
}
