/**
 * Test child for the kill test: opens a library, signs in, and publishes one file through the
 * upload queue (or resumes the item a killed predecessor left), printing the result as JSON.
 * Usage: node --import tsx upload-child.ts <libraryDir> <serverUrl> <email> <password> <file> <thumb>
 */
import { openTempLibrary } from '../../store/testing/temp-library';
import { createMemoryLogger } from '../../util/logger';
import { CloudClient } from '../cloud/cloud-client';
import { MemorySessionVault } from '../cloud/session-vault';
import { listItems } from '../outbox/outbox.repository';
import { UploadQueue } from '../outbox/upload-queue';

const [libraryDir, serverUrl, email, password, file, thumb] = process.argv.slice(2);
if (!libraryDir || !serverUrl || !email || !password || !file || !thumb) {
  throw new Error('usage: upload-child <libraryDir> <serverUrl> <email> <password> <file> <thumb>');
}
const library = openTempLibrary(libraryDir);
const client = new CloudClient({ baseUrl: () => serverUrl, vault: new MemorySessionVault() });
await client.login(email, password);
const queue = new UploadQueue({
  store: library.store,
  client,
  log: createMemoryLogger(),
  events: { item: () => undefined, progress: () => undefined, connectivity: () => undefined },
  limits: () => ({ parallelParts: 3, bytesPerSecond: 0 }),
  backoff: { baseMs: 50, capMs: 200 },
});
const existing = listItems(library.store)[0];
const id =
  existing !== undefined
    ? String(existing.id)
    : (
        await queue.enqueue({
          kind: 'video',
          title: 'Killed and resumed',
          projectId: 'kill-test',
          payload: { title: 'Killed and resumed', durationSeconds: 5 },
          uploads: [
            { role: 'video', path: file, uploadKind: 'video', contentType: 'video/mp4' },
            { role: 'thumbnail', path: thumb, uploadKind: 'thumbnail', contentType: 'image/png' },
          ],
        })
      ).id;
process.stdout.write(`started ${id}\n`);
queue.start();
const done = await queue.waitFor(id, 600_000);
process.stdout.write(`${JSON.stringify({ done: done.result })}\n`);
await queue.close();
library.close();
