/**
 * File handles: opaque ids standing for a local path (Electron dialogs, drops, the CLI) or a
 * copy in the staging folder (browser-shell uploads and save targets).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { FileHandle } from '../../shared/contract/files.contract';
import { AppError } from '../../shared/errors';
import { sanitizeFileName } from './file-name';

export interface FileEntry {
  id: string;
  name: string;
  path: string;
  mode: FileHandle['mode'];
  /** `staging` entries are ours to delete; `local` ones belong to the user. */
  origin: 'local' | 'staging';
}

const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export class FileRegistry {
  private readonly entries = new Map<string, FileEntry>();
  readonly stagingDir: string;

  constructor(dataDir: string) {
    this.stagingDir = path.join(dataDir, 'staging');
    fs.mkdirSync(this.stagingDir, { recursive: true, mode: 0o700 });
  }

  /** Deletes staging folders older than a day (handles do not survive a restart anyway). */
  sweepStaging(now = Date.now()): number {
    let removed = 0;
    for (const entry of fs.readdirSync(this.stagingDir, { withFileTypes: true })) {
      const full = path.join(this.stagingDir, entry.name);
      try {
        if (now - fs.statSync(full).mtimeMs > STAGING_MAX_AGE_MS) {
          fs.rmSync(full, { recursive: true, force: true });
          removed++;
        }
      } catch {
        // Vanished meanwhile: nothing to do.
      }
    }
    return removed;
  }

  /** A handle for an existing local file to read. */
  registerLocalFile(filePath: string): FileEntry {
    const absolute = path.resolve(filePath);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new AppError('NOT_FOUND', `File not found: ${absolute}`);
    }
    if (!stat.isFile()) throw new AppError('VALIDATION', `Not a regular file: ${absolute}`);
    return this.add({
      name: path.basename(absolute),
      path: absolute,
      mode: 'open',
      origin: 'local',
    });
  }

  /** A handle for a local place to write (chosen in a native save dialog). */
  registerLocalTarget(filePath: string): FileEntry {
    const absolute = path.resolve(filePath);
    return this.add({
      name: path.basename(absolute),
      path: absolute,
      mode: 'save',
      origin: 'local',
    });
  }

  /** A save target in the staging folder, later served as a download. */
  createStagingTarget(suggestedName: string): FileEntry {
    const id = randomUUID();
    const dir = path.join(this.stagingDir, id);
    fs.mkdirSync(dir, { mode: 0o700 });
    const name = sanitizeFileName(suggestedName);
    return this.add({ id, name, path: path.join(dir, name), mode: 'save', origin: 'staging' });
  }

  /**
   * Streams an upload into the staging folder, enforcing `maxBytes`.
   * On any failure the partial file is removed and no handle exists.
   */
  async receiveUpload(
    name: string,
    body: Readable,
    maxBytes: number,
    declaredBytes?: number,
  ): Promise<FileEntry> {
    if (declaredBytes !== undefined && declaredBytes > maxBytes) {
      throw new AppError(
        'TOO_LARGE',
        `The file is ${declaredBytes} bytes; the limit is ${maxBytes} bytes.`,
      );
    }
    const id = randomUUID();
    const dir = path.join(this.stagingDir, id);
    fs.mkdirSync(dir, { mode: 0o700 });
    const safeName = sanitizeFileName(name);
    const target = path.join(dir, safeName);
    let received = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > maxBytes) {
          callback(
            new AppError('TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes.`),
          );
          return;
        }
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, limiter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (error instanceof AppError) throw error;
      throw new AppError('IO', `Upload of ${safeName} failed: ${(error as Error).message}`, {
        retryable: true,
      });
    }
    return this.add({ id, name: safeName, path: target, mode: 'open', origin: 'staging' });
  }

  get(id: string): FileEntry {
    const entry = this.entries.get(id);
    if (!entry)
      throw new AppError(
        'NOT_FOUND',
        `No such file handle: ${id}. It may have expired; choose the file again.`,
      );
    return entry;
  }

  toHandle(entry: FileEntry): FileHandle {
    let bytes = 0;
    try {
      bytes = fs.statSync(entry.path).size;
    } catch {
      bytes = 0;
    }
    return { id: entry.id, name: entry.name, bytes, mode: entry.mode };
  }

  release(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    if (entry.origin === 'staging')
      fs.rmSync(path.dirname(entry.path), { recursive: true, force: true });
    return true;
  }

  private add(entry: Omit<FileEntry, 'id'> & { id?: string }): FileEntry {
    const full: FileEntry = { ...entry, id: entry.id ?? randomUUID() };
    this.entries.set(full.id, full);
    return full;
  }
}
