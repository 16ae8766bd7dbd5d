/**
 * Where API keys live. Implementations: the OS keychain (keytar), Electron safeStorage
 * (main/app), a file in the data folder (fallback), and memory (tests).
 */
import type {
  StoredSecretName as SecretName,
  SecretSource,
} from '../../shared/contract/secrets.contract';

export interface SecretStore {
  /** Reported to the UI as where a secret comes from. */
  readonly source: SecretSource;
  /** The value, or null when none is stored. Rejects when the store cannot answer. */
  get(name: SecretName): Promise<string | null>;
  set(name: SecretName, value: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(name: SecretName): Promise<boolean>;
}

/** For tests, and for a session that must not touch the user's keychain. */
export class MemorySecretStore implements SecretStore {
  readonly source = 'memory' as const;
  private readonly values = new Map<SecretName, string>();

  get(name: SecretName): Promise<string | null> {
    return Promise.resolve(this.values.get(name) ?? null);
  }

  set(name: SecretName, value: string): Promise<void> {
    this.values.set(name, value);
    return Promise.resolve();
  }

  delete(name: SecretName): Promise<boolean> {
    return Promise.resolve(this.values.delete(name));
  }
}
