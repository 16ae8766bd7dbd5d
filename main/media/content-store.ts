/**
 * The content-addressed file store: `objects/<aa>/<sha256>`, written only by atomic rename.
 *
 * A file is copied (never moved or modified) into `tmp/` while its sha256 is computed on the
 * way, fsynced, and renamed into place, then the folder is fsynced: a crash leaves either no
 * object or a complete one, and only `tmp/` leftovers, swept at start.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { MEDIA_LIMITS } from './media-limits';
import { SNIFF_BYTES, sniff, type Sniffed } from './sniff';

const CHUNK_BYTES = 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
/** Not defined on Windows, where symlinks are refused by the lstat check alone. */
const NOFOLLOW = (fs.constants as Partial<Record<string, number>>).O_NOFOLLOW ?? 0;

export interface Staged {
  tempFile: string;
  sha256: string;
  bytes: number;
  sniffed: Sniffed;
}

export interface StageOptions {
  signal?: AbortSignal;
  /** Called with the bytes copied so far. */
  onBytes?: (bytes: number) => void;
}

/** Fault injection for tests (disk full, file vanishing); never set in the app. */
export interface ContentStoreHooks {
  beforeWrite?: (written: number) => void | Promise<void>;
}

function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function ioError(error: unknown, name: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError(
      'IO',
      `The disk is full: ${name} could not be imported. Free some space and try again.`,
      { retryable: true },
    );
  }
  return new AppError('IO', `Could not import ${name}: ${(error as Error).message}`, {
    retryable: true,
  });
}

export class ContentStore {
  readonly objectsDir: string;
  readonly tmpDir: string;
  readonly thumbsDir: string;

  constructor(
    readonly root: string,
    private readonly hooks: ContentStoreHooks = {},
  ) {
    this.objectsDir = path.join(root, 'objects');
    this.tmpDir = path.join(root, 'tmp');
    this.thumbsDir = path.join(root, 'thumbs');
    for (const dir of [this.objectsDir, this.tmpDir, this.thumbsDir])
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Deletes leftovers of interrupted imports. */
  sweepTemp(): number {
    const names = fs.readdirSync(this.tmpDir);
    for (const name of names)
      fs.rmSync(path.join(this.tmpDir, name), { force: true, recursive: true });
    return names.length;
  }

  /** Where the object with this hash lives (whether or not it exists). */
  objectPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError('VALIDATION', `Not a sha256: ${sha256}`);
    return path.join(this.objectsDir, sha256.slice(0, 2), sha256);
  }

  /** Whether the object exists as a regular file. */
  has(sha256: string): boolean {
    try {
      return fs.lstatSync(this.objectPath(sha256)).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Copies `source` into `tmp/`, hashing and sniffing it; refuses symlinks, non-files, empty
   * and oversized files, and a file that changes while it is read.
   */
  async stage(source: string, name: string, options: StageOptions = {}): Promise<Staged> {
    let link: fs.Stats;
    try {
      link = fs.lstatSync(source);
    } catch {
      throw new AppError('NOT_FOUND', `${name} does not exist (any more).`);
    }
    if (link.isSymbolicLink())
      throw new AppError(
        'UNSUPPORTED',
        `${name} is a symbolic link; import the file it points to instead.`,
      );
    let input: fs.promises.FileHandle;
    try {
      input = await fs.promises.open(source, fs.constants.O_RDONLY | NOFOLLOW);
    } catch (error) {
      throw (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? new AppError('NOT_FOUND', `${name} does not exist (any more).`)
        : ioError(error, name);
    }
    const tempFile = path.join(this.tmpDir, `${randomUUID()}.part`);
    let output: fs.promises.FileHandle | null = null;
    try {
      const stat = await input.stat();
      if (!stat.isFile()) throw new AppError('VALIDATION', `${name} is not a regular file.`);
      if (stat.size === 0) throw new AppError('VALIDATION', `${name} is empty (0 bytes).`);
      if (stat.size > MEDIA_LIMITS.maxBytes) {
        throw new AppError(
          'TOO_LARGE',
          `${name} is ${stat.size} bytes; the limit is ${MEDIA_LIMITS.maxBytes} bytes (4 GiB).`,
        );
      }
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
      await input.read(head, 0, head.length, 0);
      const sniffed = sniff(head);
      if (sniffed.kind === 'font' && stat.size > MEDIA_LIMITS.maxFontBytes)
        throw new AppError('TOO_LARGE', `${name} is too large for a font.`);
      output = await fs.promises.open(tempFile, 'wx', 0o600);
      const hash = createHash('sha256');
      const buffer = Buffer.alloc(CHUNK_BYTES);
      let copied = 0;
      for (;;) {
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'Import cancelled.');
        const { bytesRead } = await input.read(buffer, 0, CHUNK_BYTES, copied);
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        await this.hooks.beforeWrite?.(copied);
        await output.write(chunk, 0, bytesRead);
        copied += bytesRead;
        if (copied > MEDIA_LIMITS.maxBytes)
          throw new AppError('TOO_LARGE', `${name} grew past the limit while importing.`);
        options.onBytes?.(copied);
      }
      const after = await fs.promises.stat(source).catch(() => null);
      if (
        copied !== stat.size ||
        !after ||
        after.size !== stat.size ||
        after.mtimeMs !== stat.mtimeMs
      ) {
        throw new AppError(
          'IO',
          `${name} changed or disappeared while it was being imported; nothing was imported.`,
          { retryable: true },
        );
      }
      await output.sync();
      await output.close();
      output = null;
      return { tempFile, sha256: hash.digest('hex'), bytes: copied, sniffed };
    } catch (error) {
      await output?.close().catch(() => undefined);
      fs.rmSync(tempFile, { force: true });
      throw ioError(error, name);
    } finally {
      await input.close();
    }
  }

  /** Moves a staged file into place (or drops it when the object already exists). */
  commit(staged: Staged): string {
    const target = this.objectPath(staged.sha256);
    const dir = path.dirname(target);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (this.has(staged.sha256)) {
      fs.rmSync(staged.tempFile, { force: true });
      return target;
    }
    fs.renameSync(staged.tempFile, target);
    fs.chmodSync(target, 0o400);
    fsyncDir(dir);
    return target;
  }

  /** Removes a staged file if it is still in `tmp/` (after a failure or a dedupe). */
  discard(staged: Staged): void {
    fs.rmSync(staged.tempFile, { force: true });
  }

  /** Deletes an object and its thumbnail; returns the bytes freed. */
  remove(sha256: string): number {
    const file = this.objectPath(sha256);
    let bytes = 0;
    try {
      bytes = fs.statSync(file).size;
    } catch {
      return 0;
    }
    fs.rmSync(file, { force: true });
    fs.rmSync(this.thumbnailPath(sha256), { force: true });
    return bytes;
  }

  /** Where a cached thumbnail of this object lives. */
  thumbnailPath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new AppError('VALIDATION', `Not a sha256: ${sha256}`);
    return path.join(this.thumbsDir, `${sha256}.jpg`);
  }

  /** Every object hash on disk (for garbage collection). */
  listObjects(): string[] {
    const found: string[] = [];
    for (const prefix of fs.readdirSync(this.objectsDir)) {
      const dir = path.join(this.objectsDir, prefix);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const name of fs.readdirSync(dir)) if (SHA256.test(name)) found.push(name);
    }
    return found;
  }
}
