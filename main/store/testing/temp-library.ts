/**
 * Test helpers: a library in a fresh temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../../util/logger';
import {
  LIBRARY_FILE_NAME,
  openLibrary,
  type Library,
  type OpenLibraryOptions,
} from '../db/open-library';

/** A temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'reelsmith-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a library file inside `dir`. */
export function openTempLibrary(dir: string, options: Partial<OpenLibraryOptions> = {}): Library {
  return openLibrary({
    file: path.join(dir, LIBRARY_FILE_NAME),
    log: createMemoryLogger(),
    ...options,
  });
}
