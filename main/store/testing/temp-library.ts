/**
 * Test helpers: a library in a fresh temporary folder, and a silent logger.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../rpc/router';
import {
  LIBRARY_FILE_NAME,
  openLibrary,
  type Library,
  type OpenLibraryOptions,
} from '../db/open-library';

/** A logger that keeps messages for assertions. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (m) => lines.push(`error ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    info: (m) => lines.push(`info ${m}`),
  };
}

/** A temporary folder removed by the returned cleanup. */
export function tempDir(prefix = 'reelsmith-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a library file inside `dir`. */
export function openTempLibrary(dir: string, options: Partial<OpenLibraryOptions> = {}): Library {
  return openLibrary({ file: path.join(dir, LIBRARY_FILE_NAME), log: memoryLogger(), ...options });
}
