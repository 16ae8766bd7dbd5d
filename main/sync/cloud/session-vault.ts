/**
 * The stored sync session (tokens and signing key) in the secret store, never in settings or the
 * database, and never sent to a renderer.
 */
import { z } from 'zod';
import { PublicUserSchema } from '../../../shared/api/auth.api';
import type { SecretsService } from '../../secrets/secrets.service';

export const StoredSession = z.object({
  /** The API the tokens belong to; a session is ignored once the URL changes. */
  serverUrl: z.string(),
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Unix ms when the access token expires. */
  accessExpiresAt: z.number(),
  signingKey: z.string().nullable(),
  user: PublicUserSchema,
});
export type StoredSession = z.infer<typeof StoredSession>;

export interface SessionVault {
  load(): Promise<StoredSession | null>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

export class SecretSessionVault implements SessionVault {
  constructor(
    private readonly secrets: Pick<SecretsService, 'get' | 'setPrivate' | 'deletePrivate'>,
  ) {}

  async load(): Promise<StoredSession | null> {
    const raw = await this.secrets.get('sync-session');
    if (!raw) return null;
    try {
      return StoredSession.parse(JSON.parse(raw));
    } catch {
      // A damaged entry is as good as none: the user signs in again.
      return null;
    }
  }

  save(session: StoredSession): Promise<void> {
    return this.secrets.setPrivate('sync-session', JSON.stringify(session));
  }

  clear(): Promise<void> {
    return this.secrets.deletePrivate('sync-session');
  }
}

/** For tests and one-off processes. */
export class MemorySessionVault implements SessionVault {
  private value: StoredSession | null = null;
  load(): Promise<StoredSession | null> {
    return Promise.resolve(this.value);
  }
  save(session: StoredSession): Promise<void> {
    this.value = session;
    return Promise.resolve();
  }
  clear(): Promise<void> {
    this.value = null;
    return Promise.resolve();
  }
}
