/**
 * sha256 of a file, streamed in 1 MiB chunks (never the whole file in memory).
 *
 * Cancelled through `signal`: the read stops between chunks with CANCELLED and `cancelled` as
 * its message.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';

export async function sha256File(
  file: string,
  signal?: AbortSignal,
  cancelled = `Hashing ${file} was cancelled.`,
): Promise<string> {
  const digest = createHash('sha256');
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (signal?.aborted) throw new AppError('CANCELLED', cancelled);
      digest.update(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return digest.digest('hex');
}
