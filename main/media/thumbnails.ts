/**
 * Thumbnails: one JPEG per object, made with ffmpeg (locked to the object's demuxer) on first
 * request and cached beside the store.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { ContentStore } from './content-store';
import { MEDIA_LIMITS } from './media-limits';
import { lockedInputArgs } from './probe';
import { runTool } from './run-tool';
import { SNIFF_BYTES, sniff } from './sniff';

/** Makes (once) and returns the thumbnail file of an image or video object. */
export async function ensureThumbnail(
  ffmpeg: string,
  store: ContentStore,
  sha256: string,
  durationMs: number | null,
): Promise<string> {
  const target = store.thumbnailPath(sha256);
  if (fs.existsSync(target)) return target;
  const source = store.objectPath(sha256);
  const head = Buffer.alloc(SNIFF_BYTES);
  const fd = fs.openSync(source, 'r');
  try {
    fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  const sniffed = sniff(head);
  if (sniffed.container === 'font' || sniffed.kind === 'audio') {
    throw new AppError('UNSUPPORTED', 'Audio and fonts have no thumbnail.');
  }
  // A frame a little into a video (the first is often black), never past its end.
  const seek = durationMs ? Math.min(1, durationMs / 2000) : 0;
  const temp = path.join(store.tmpDir, `${randomUUID()}.jpg`);
  const px = MEDIA_LIMITS.thumbnailPx;
  try {
    await runTool(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        ...(seek > 0 ? ['-ss', seek.toFixed(3)] : []),
        ...lockedInputArgs(sniffed.container),
        '-i',
        source,
        '-frames:v',
        '1',
        '-vf',
        `scale=w='min(${px},iw)':h='min(${px},ih)':force_original_aspect_ratio=decrease`,
        '-f',
        'mjpeg',
        '-y',
        temp,
      ],
      { timeoutMs: 60_000 },
    );
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('IO', `Could not make a thumbnail: ${(error as Error).message}`);
  }
  return target;
}

/** Width and height of a baseline/progressive JPEG (our own thumbnails). */
export function jpegSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) break;
    const marker = data[offset + 1] ?? 0;
    const length = data.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return { width: 0, height: 0 };
}
