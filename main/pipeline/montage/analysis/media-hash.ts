/**
 * sha256 of a media file, the key of the analysis cache (the library's content-addressed store
 * uses the same hash, so a clip imported there is never analysed twice).
 *
 * Hashing reads the whole file (about 1 s per GB here); the result is remembered per path, size
 * and modification time for the life of the process.
 */
import fs from 'node:fs';
import { sha256File } from '../../../util/file-hash';

export class MediaHasher {
  private readonly known = new Map<string, string>();

  async hash(file: string, signal?: AbortSignal): Promise<string> {
    const stat = await fs.promises.stat(file);
    const key = `${file}\0${String(stat.size)}\0${String(stat.mtimeMs)}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const hex = await sha256File(file, signal, 'Montage analysis was cancelled.');
    this.known.set(key, hex);
    return hex;
  }
}
