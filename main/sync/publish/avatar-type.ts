/**
 * An avatar file's content type, read from its bytes: the name is never trusted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { sniff, SNIFF_BYTES } from '../../media/sniff';

const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

/** An avatar's type from its first bytes (PNG, JPEG or WebP, at most 5 MB), never its name. */
export async function avatarType(file: string): Promise<string> {
  const name = path.basename(file);
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > AVATAR_MAX_BYTES)
      throw new AppError('VALIDATION', `${name}: an avatar can be at most 5 MB.`);
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    let mime = '';
    try {
      mime = sniff(head.subarray(0, bytesRead)).mime;
    } catch {
      // Not a known container: refused below with the same message.
    }
    if (!['image/png', 'image/jpeg', 'image/webp'].includes(mime))
      throw new AppError('VALIDATION', `${name}: an avatar must be a PNG, JPEG or WebP image.`);
    return mime;
  } finally {
    await handle.close();
  }
}
