/**
 * Serving the media store to the renderer (browser shell `/media/`, Electron `media://`):
 * which file a URL means, its content type, and byte ranges (for seeking in video).
 *
 * Only two URL shapes exist: `<sha256>` (an object) and `thumbs/<sha256>.jpg`. Anything else,
 * `..` and encoded dots included, is not found; and the resolved real path must stay inside
 * the store, so a symlink planted in it cannot lead out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveInside } from '../shell/static-files';
import { SNIFF_BYTES, sniff } from './sniff';

export interface MediaFile {
  file: string;
  size: number;
  contentType: string;
}

const OBJECT = /^([0-9a-f]{2})[0-9a-f]{62}$/;
const THUMB = /^thumbs\/[0-9a-f]{64}\.jpg$/;

/** The MIME type of a file from its first bytes (octet-stream when unknown). */
export function contentTypeOf(file: string): string {
  const head = Buffer.alloc(SNIFF_BYTES);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, SNIFF_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  try {
    return sniff(head).mime;
  } catch {
    return 'application/octet-stream';
  }
}

/** The store file a URL path (after the `/media/` prefix, still percent-encoded) names, or null. */
export function resolveMediaPath(root: string, encodedSubPath: string): MediaFile | null {
  let sub: string;
  try {
    sub = decodeURIComponent(encodedSubPath);
  } catch {
    return null;
  }
  let relative: string;
  const object = OBJECT.exec(sub);
  if (object?.[1]) relative = `objects/${object[1]}/${sub}`;
  else if (THUMB.test(sub)) relative = sub;
  else return null;
  const file = resolveInside(root, relative);
  if (!file) return null;
  const size = fs.statSync(file).size;
  return {
    file,
    size,
    contentType: sub.startsWith('thumbs/') ? 'image/jpeg' : contentTypeOf(file),
  };
}

export type ByteRange =
  | { status: 200; start: 0; end: number }
  | { status: 206; start: number; end: number }
  | { status: 416 };

/** Parses a `Range` header against a size; several ranges are answered with the whole file. */
export function parseRange(header: string | null | undefined, size: number): ByteRange {
  const whole = { status: 200, start: 0, end: size - 1 } as const;
  if (!header) return whole;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return header.includes(',') ? whole : { status: 416 };
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return { status: 416 };
  let start: number;
  let end: number;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return { status: 416 };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return { status: 416 };
  return { status: 206, start, end };
}

/** Response headers for a (possibly partial) media response. */
export function mediaHeaders(media: MediaFile, range: ByteRange): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': media.contentType,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    // Content-addressed: the bytes behind a URL never change.
    'cache-control': 'private, max-age=31536000, immutable',
  };
  if (range.status === 416) {
    headers['content-range'] = `bytes */${media.size}`;
    return headers;
  }
  headers['content-length'] = String(range.end - range.start + 1);
  if (range.status === 206)
    headers['content-range'] = `bytes ${range.start}-${range.end}/${media.size}`;
  return headers;
}

/** The media store folder inside a data folder. */
export function mediaRoot(dataDir: string): string {
  return path.join(dataDir, 'media');
}
