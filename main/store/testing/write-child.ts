/**
 * Child process of the durability test: opens the library in `argv[2]` and commits 50 write
 * transactions, printing `ack <projectId>` after each commit returns. The parent kills it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LIBRARY_FILE_NAME, openLibrary } from '../db/open-library';
import { insertProject } from '../projects/project.repository';
import { insertSegment } from '../projects/segment.repository';

const dir = process.argv[2];
if (!dir) throw new Error('usage: write-child <dir>');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const library = openLibrary({ file: path.join(dir, LIBRARY_FILE_NAME), log: silent });
const { store } = library;
fs.writeSync(1, 'ready\n');
for (let i = 0; i < 50; i++) {
  const id = store.transaction(() => {
    const projectId = insertProject(store, { title: `durable ${i}`, script: 'x'.repeat(20_000) });
    for (let s = 0; s < 20; s++)
      insertSegment(store, projectId, { text: `segment ${s}`.repeat(50) });
    return projectId;
  });
  fs.writeSync(1, `ack ${id}\n`);
}
library.close();
fs.writeSync(1, 'done\n');
