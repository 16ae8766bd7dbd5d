/**
 * `<data folder>/control.json`: where the process owning the data folder answers the CLI
 * (pid, loopback port, per-launch bearer token). Written atomically with mode 0600 so only the
 * user can read the token; removed on a clean stop. A file left by a killed owner is ignored
 * because its pid no longer matches a live lock holder.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const CONTROL_FILE_NAME = 'control.json';

export interface ControlInfo {
  pid: number;
  port: number;
  token: string;
}

export function controlFileOf(dataDir: string): string {
  return path.join(dataDir, CONTROL_FILE_NAME);
}

/** Writes the file through a temporary file and a rename, so a reader never sees half of it. */
export function writeControlFile(dataDir: string, info: ControlInfo): void {
  const file = controlFileOf(dataDir);
  const temp = `${file}.${randomUUID()}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(info), { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** The file's content, or null when it is missing or not what this module writes. */
export function readControlFile(dataDir: string): ControlInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(controlFileOf(dataDir), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { pid, port, token } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof port !== 'number' || typeof token !== 'string') {
      return null;
    }
    return { pid, port, token };
  } catch {
    return null;
  }
}

/** Removes the file if it still names this endpoint (a newer owner's file is left alone). */
export function removeControlFile(dataDir: string, token: string): void {
  if (readControlFile(dataDir)?.token === token) {
    fs.rmSync(controlFileOf(dataDir), { force: true });
  }
}
