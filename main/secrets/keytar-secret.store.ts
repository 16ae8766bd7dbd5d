/**
 * Secrets in the OS keychain through keytar (macOS Keychain, Windows Credential Manager,
 * libsecret/GNOME Keyring on Linux).
 *
 * keytar is a native module loaded lazily: a missing build or a headless box without a D-Bus
 * session must not stop the app, only send secrets to the next store. Each call has a timeout
 * because a keyring that waits for an unlock prompt nobody sees would otherwise hang forever.
 */
import { createRequire } from 'node:module';
import type { StoredSecretName as SecretName } from '../../shared/contract/secrets.contract';
import { AppError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

/** The part of keytar we use. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Reelsmith';

/** Loads keytar, or returns why it cannot be loaded. */
export function loadKeytar(): KeytarLike | Error {
  try {
    return createRequire(import.meta.url)('keytar') as KeytarLike;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export class KeytarSecretStore implements SecretStore {
  readonly source = 'keychain' as const;

  constructor(
    private readonly keytar: KeytarLike,
    private readonly timeoutMs = 5_000,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  get(name: SecretName): Promise<string | null> {
    return this.guard(this.keytar.getPassword(this.service, name));
  }

  set(name: SecretName, value: string): Promise<void> {
    return this.guard(this.keytar.setPassword(this.service, name, value));
  }

  delete(name: SecretName): Promise<boolean> {
    return this.guard(this.keytar.deletePassword(this.service, name));
  }

  private guard<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new AppError(
            'KEYCHAIN',
            `The OS keychain did not answer within ${this.timeoutMs / 1000} s.`,
          ),
        );
      }, this.timeoutMs);
      timer.unref();
    });
    return Promise.race([call, timeout])
      .catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError('KEYCHAIN', `The OS keychain failed: ${(error as Error).message}`, {
          cause: error,
        });
      })
      .finally(() => clearTimeout(timer));
  }
}
