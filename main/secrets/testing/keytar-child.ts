/**
 * Run as a child under `dbus-run-session` by keytar.test.ts: sets, checks and deletes a key in
 * the real OS keychain through KeytarSecretStore, then prints what it saw as one JSON line.
 */
import { KeytarSecretStore, loadKeytar } from '../keytar-secret.store';

const keytar = loadKeytar();
if (keytar instanceof Error) {
  process.stdout.write(`${JSON.stringify({ loadError: keytar.message })}\n`);
  process.exit(1);
}
const store = new KeytarSecretStore(keytar, 10_000, 'Reelsmith-test');
const before = await store.get('openai-api-key');
await store.set('openai-api-key', 'sk-from-keychain');
const during = await store.get('openai-api-key');
const deleted = await store.delete('openai-api-key');
const after = await store.get('openai-api-key');
process.stdout.write(`${JSON.stringify({ before, during, deleted, after })}\n`);
