/**
 * `secrets.*`: API keys are written and checked from the renderer but never read back into it.
 *
 * No operation returns a secret's value: `has` says whether one is stored and where it comes
 * from, so the UI can show "set (from OPENAI_API_KEY)" without ever holding the key.
 */
import { z } from 'zod';
import { operation } from './define';

/** The credentials Reelsmith knows about. A closed list, so no caller can probe arbitrary keychain entries. */
export const SecretName = z.enum(['openai-api-key']);
export type SecretName = z.infer<typeof SecretName>;

/**
 * Every name the secret stores hold: the user's keys, plus main's own (the sync session, never
 * reachable through `secrets.*`).
 */
export const StoredSecretName = z.enum([...SecretName.options, 'sync-session']);
export type StoredSecretName = z.infer<typeof StoredSecretName>;

/** Where a secret was found: environment variable, OS keychain, Electron safeStorage, or the data-folder file fallback. */
export const SecretSource = z.enum(['env', 'keychain', 'safe-storage', 'file', 'memory']);
export type SecretSource = z.infer<typeof SecretSource>;

export const SecretStatus = z.object({
  name: SecretName,
  set: z.boolean(),
  /** Where the value comes from; null when unset. */
  source: SecretSource.nullable(),
  /** A warning to show (e.g. stored in a plain file because no keychain answered). */
  warning: z.string().nullable(),
});
export type SecretStatus = z.infer<typeof SecretStatus>;

export const secretsOperations = {
  'secrets.set': operation({
    doc: 'Stores a secret in the best store available (keychain, safeStorage, else the file fallback with a warning).',
    input: z.object({ name: SecretName, value: z.string().min(1).max(4096) }).strict(),
    output: SecretStatus,
  }),
  'secrets.has': operation({
    doc: 'Whether a secret is set and where it comes from; never its value.',
    input: z.object({ name: SecretName }).strict(),
    output: SecretStatus,
  }),
  'secrets.delete': operation({
    doc: 'Deletes a stored secret from every store (an environment variable cannot be deleted and still wins).',
    input: z.object({ name: SecretName }).strict(),
    output: SecretStatus,
  }),
};
