/**
 * Resolves API keys: an environment variable wins, then the secure store (keychain or
 * safeStorage), then the file fallback. Keychain failures are not fatal: they are logged and the
 * file fallback is used with a visible warning.
 */
import type {
  SecretName,
  SecretStatus,
  StoredSecretName,
} from '../../shared/contract/secrets.contract';
import type { Logger } from '../rpc/router';
import { FILE_FALLBACK_WARNING, type FileSecretStore } from './file-secret.store';
import type { SecretStore } from './secret-store';

/** The environment variable that overrides each secret. */
export const SECRET_ENV: Record<SecretName, string> = { 'openai-api-key': 'OPENAI_API_KEY' };

function envVariable(name: StoredSecretName): string | undefined {
  return name === 'sync-session' ? undefined : SECRET_ENV[name];
}

export class SecretsService {
  constructor(
    /** The keychain or safeStorage; null when none could be loaded. */
    private readonly secure: SecretStore | null,
    private readonly fallback: FileSecretStore,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: Logger,
  ) {}

  /** The value for providers (never sent to a renderer). */
  async get(name: StoredSecretName): Promise<string | null> {
    const variable = envVariable(name);
    const fromEnv = variable === undefined ? undefined : this.env[variable];
    if (fromEnv) return fromEnv;
    const secure = await this.trySecure((store) => store.get(name));
    if (secure.ok && secure.value !== null) return secure.value;
    return this.fallback.get(name);
  }

  /** Stores a secret in the secure store, or the file fallback (with a warning) when it fails. */
  async set(name: SecretName, value: string): Promise<SecretStatus> {
    const secure = await this.trySecure((store) => store.set(name, value));
    if (secure.ok) {
      // A key saved before in the file fallback must not linger once the keychain works.
      await this.fallback.delete(name);
      return this.status(name);
    }
    this.log.warn(`secrets: ${FILE_FALLBACK_WARNING}`);
    await this.fallback.set(name, value);
    return this.status(name);
  }

  /** Deletes a secret everywhere it is stored; the environment variable, if set, still wins. */
  async delete(name: SecretName): Promise<SecretStatus> {
    await this.trySecure((store) => store.delete(name));
    await this.fallback.delete(name);
    return this.status(name);
  }

  /** Stores one of main's own secrets (e.g. the sync session); the file fallback when no keychain. */
  async setPrivate(name: StoredSecretName, value: string): Promise<void> {
    const secure = await this.trySecure((store) => store.set(name, value));
    if (secure.ok) await this.fallback.delete(name);
    else await this.fallback.set(name, value);
  }

  /** Deletes one of main's own secrets everywhere. */
  async deletePrivate(name: StoredSecretName): Promise<void> {
    await this.trySecure((store) => store.delete(name));
    await this.fallback.delete(name);
  }

  /** Whether a secret is set and where it comes from; never its value. */
  async status(name: SecretName): Promise<SecretStatus> {
    const variable = SECRET_ENV[name];
    if (this.env[variable]) {
      return {
        name,
        set: true,
        source: 'env',
        warning: `${variable} is set and wins over stored keys.`,
      };
    }
    const secure = await this.trySecure((store) => store.get(name));
    if (secure.ok && secure.value !== null && this.secure) {
      return { name, set: true, source: this.secure.source, warning: null };
    }
    if ((await this.fallback.get(name)) !== null) {
      return { name, set: true, source: 'file', warning: FILE_FALLBACK_WARNING };
    }
    return { name, set: false, source: null, warning: secure.ok ? null : secure.reason };
  }

  private async trySecure<T>(
    call: (store: SecretStore) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
    if (!this.secure) return { ok: false, reason: 'No OS keychain is available.' };
    try {
      return { ok: true, value: await call(this.secure) };
    } catch (error) {
      const reason = (error as Error).message;
      this.log.warn(`secrets: ${this.secure.source} unavailable: ${reason}`);
      return { ok: false, reason };
    }
  }
}
