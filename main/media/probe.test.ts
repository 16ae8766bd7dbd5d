import { describe, expect, it } from 'vitest';
import { ALLOWED_DEMUXERS } from './media-limits';
import { lockedInputArgs } from './probe';

/** ffmpeg demuxers that open other files or URLs (playlists, lists, sequences, indirection). */
const INDIRECTION = [
  'hls',
  'concat',
  'ffconcat',
  'image2',
  'image2pipe',
  'dash',
  'mpegts',
  'rtsp',
  'tee',
  'data',
  'lavfi',
  'movie',
  'sdp',
  'rtp',
];

describe('ffprobe/ffmpeg input locking', () => {
  it.each(Object.entries(ALLOWED_DEMUXERS))(
    '%s: local files and pipes only, one forced demuxer from the allow-list',
    (container, demuxer) => {
      const args = lockedInputArgs(container as keyof typeof ALLOWED_DEMUXERS);
      expect(args).toEqual([
        '-protocol_whitelist',
        'file,pipe',
        '-format_whitelist',
        demuxer,
        '-f',
        demuxer,
      ]);
    },
  );

  it('allows no demuxer that opens other files', () => {
    for (const demuxer of Object.values(ALLOWED_DEMUXERS)) {
      expect(INDIRECTION).not.toContain(demuxer);
    }
  });
});
