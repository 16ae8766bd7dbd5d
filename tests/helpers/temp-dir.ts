/** Temporary folders for tests, removed after each test file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export function useTempDirs(): () => string {
  const made: string[] = [];
  // Files of hundreds of MB take a while to remove on a busy machine: more than the 10 s default.
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-'));
    made.push(dir);
    return dir;
  };
}
