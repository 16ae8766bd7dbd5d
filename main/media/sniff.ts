/**
 * Types a file by its first bytes, never by its name.
 *
 * Text formats that point at other files (HLS playlists, ffconcat lists, SDP) have no magic
 * number here and are refused before any tool sees them.
 */
import { AppError } from '../../shared/errors';
import type { MediaKind } from '../../shared/contract/media.contract';
import type { Container } from './media-limits';

export interface Sniffed {
  container: Container;
  /** What the container usually holds; ffprobe decides between video and audio. */
  kind: MediaKind;
  mime: string;
  /** Pixel size from the header when it is cheap to read (PNG), before any decoder runs. */
  width?: number;
  height?: number;
}

/** How many leading bytes `sniff` needs. */
export const SNIFF_BYTES = 64;

const ascii = (b: Buffer, start: number, end: number) => b.toString('latin1', start, end);

function mp4Brand(head: Buffer): Sniffed {
  const brand = ascii(head, 8, 12);
  if (/^(heic|heix|hevc|mif1|msf1|avif|avis)$/.test(brand)) {
    throw new AppError(
      'UNSUPPORTED',
      'HEIF/AVIF images are not supported yet: convert to PNG, JPEG or WebP.',
    );
  }
  if (brand === 'M4A ' || brand === 'M4B ')
    return { container: 'mp4', kind: 'audio', mime: 'audio/mp4' };
  if (brand === 'qt  ') return { container: 'mp4', kind: 'video', mime: 'video/quicktime' };
  return { container: 'mp4', kind: 'video', mime: 'video/mp4' };
}

/** The container of a file from its first bytes, or UNSUPPORTED saying what it looked like. */
export function sniff(head: Buffer): Sniffed {
  if (head.length === 0) throw new AppError('VALIDATION', 'The file is empty (0 bytes).');
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (head.length < 24 || ascii(head, 12, 16) !== 'IHDR') {
      throw new AppError('VALIDATION', 'The PNG is damaged (no IHDR header).');
    }
    return {
      container: 'png',
      kind: 'image',
      mime: 'image/png',
      width: head.readUInt32BE(16),
      height: head.readUInt32BE(20),
    };
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff)
    return { container: 'jpeg', kind: 'image', mime: 'image/jpeg' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP')
    return { container: 'webp', kind: 'image', mime: 'image/webp' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE')
    return { container: 'wav', kind: 'audio', mime: 'audio/wav' };
  if (/^GIF8[79]a$/.test(ascii(head, 0, 6)))
    return { container: 'gif', kind: 'image', mime: 'image/gif' };
  if (ascii(head, 4, 8) === 'ftyp') return mp4Brand(head);
  if (head.readUInt32BE(0) === 0x1a45dfa3) {
    const webm = head.includes(Buffer.from('webm'));
    return { container: 'matroska', kind: 'video', mime: webm ? 'video/webm' : 'video/x-matroska' };
  }
  if (ascii(head, 0, 4) === 'OggS') return { container: 'ogg', kind: 'audio', mime: 'audio/ogg' };
  if (ascii(head, 0, 4) === 'fLaC') return { container: 'flac', kind: 'audio', mime: 'audio/flac' };
  if (ascii(head, 0, 3) === 'ID3') return { container: 'mp3', kind: 'audio', mime: 'audio/mpeg' };
  const b1 = head[1] ?? 0;
  if (head[0] === 0xff && (b1 & 0xf6) === 0xf0)
    return { container: 'aac', kind: 'audio', mime: 'audio/aac' };
  if (head[0] === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0)
    return { container: 'mp3', kind: 'audio', mime: 'audio/mpeg' };
  const tag = ascii(head, 0, 4);
  if (tag === '\x00\x01\x00\x00' || tag === 'true')
    return { container: 'font', kind: 'font', mime: 'font/ttf' };
  if (tag === 'OTTO') return { container: 'font', kind: 'font', mime: 'font/otf' };
  if (tag === 'wOF2') return { container: 'font', kind: 'font', mime: 'font/woff2' };
  if (tag === 'wOFF') return { container: 'font', kind: 'font', mime: 'font/woff' };
  const text = ascii(head, 0, Math.min(head.length, 32)).trimStart();
  const looksLike = text.startsWith('#EXTM3U')
    ? 'an HLS/M3U playlist'
    : /^(ffconcat|file\s)/.test(text)
      ? 'an ffmpeg concat list'
      : /^[\x20-\x7e\s]*$/.test(text)
        ? 'a text file'
        : 'an unknown format';
  throw new AppError(
    'UNSUPPORTED',
    `This is ${looksLike}, not a supported image, video, audio or font file (PNG, JPEG, WebP, GIF, MP4/MOV, WebM/MKV, MP3, WAV, OGG, FLAC, AAC, TTF/OTF/WOFF).`,
  );
}
