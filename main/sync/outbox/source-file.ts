/**
 * The queued source file: it must exist when queued and still be the same file (size and
 * modification time) before every part, or the item fails for good, naming the file.
 */
import fs from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import type { OutboxUploadRow } from '../../store/db/tables/outbox.table';

/** The file's stat, or NOT_FOUND naming it. */
export async function statOrFail(path: string) {
  try {
    return await fs.stat(path);
  } catch {
    throw new AppError('NOT_FOUND', `${path} does not exist (or cannot be read).`);
  }
}

/** The queued file must still be the one queued: same size, same modification time. */
export async function checkUnchanged(upload: OutboxUploadRow): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(upload.path);
  } catch {
    throw new AppError(
      'NOT_FOUND',
      `${upload.path} was deleted or moved after it was queued; nothing was published.`,
      {
        details: { status: 410 },
      },
    );
  }
  if (stat.size !== upload.bytes || Math.floor(stat.mtimeMs) !== upload.mtime_ms) {
    throw new AppError('CONFLICT', `${upload.path} changed after it was queued; queue it again.`, {
      details: { status: 409 },
    });
  }
}
