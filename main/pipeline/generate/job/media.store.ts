/**
 * Where generated files go: content-addressed by sha256, never inside the database.
 *
 * STOPGAP: `FileMediaStore` writes `<dataDir>/media/<ab>/<sha256>.<ext>` until the library's
 * media store (with import sniffing and thumbnails) lands on main.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomicSync } from '../../../util/atomic-write';

export interface StoredMedia {
  mediaId: string;
  path: string;
}

export interface MediaStore {
  /** Stores bytes (idempotent: the same bytes give the same id and path). */
  put(bytes: Buffer, extension: 'png' | 'wav'): Promise<StoredMedia>;
  read(mediaPath: string): Promise<Buffer>;
}

export class FileMediaStore implements MediaStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'media');
  }

  async put(bytes: Buffer, extension: 'png' | 'wav'): Promise<StoredMedia> {
    const mediaId = createHash('sha256').update(bytes).digest('hex');
    const dir = path.join(this.root, mediaId.slice(0, 2));
    const file = path.join(dir, `${mediaId}.${extension}`);
    await fs.mkdir(dir, { recursive: true });
    try {
      await fs.access(file);
    } catch {
      writeFileAtomicSync(file, bytes, 0o644);
    }
    return { mediaId, path: file };
  }

  read(mediaPath: string): Promise<Buffer> {
    return fs.readFile(mediaPath);
  }
}
