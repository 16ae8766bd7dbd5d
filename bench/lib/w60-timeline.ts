/**
 * The W60 workload (../shared/bench/W60.md) as a Reelsmith timeline: 8 stills in 7.5 s slots
 * with a centred Ken Burns zoom 1.00 → 1.15 and 0.5 s crossfades, word-timed captions (our
 * karaoke style), voice + music ducked under it, libx264 veryfast CRF 23, AAC 192k.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TimelineInput } from '../../shared/timeline';

export function w60Timeline(assets: string): TimelineInput {
  const words = JSON.parse(fs.readFileSync(path.join(assets, 'words.json'), 'utf8')) as {
    text: string;
    start: number;
    end: number;
  }[];
  return {
    version: 1,
    output: { preset: 'tiktok', width: 1080, height: 1920, fps: 30 },
    encoder: { speed: 'veryfast', crf: 23, audioBitrateKbps: 192, hardware: false },
    clips: Array.from({ length: 8 }, (_, k) => ({
      type: 'image' as const,
      media: { path: path.join(assets, `img${k + 1}.png`) },
      // 7.5 s slot + 0.5 s overlap into the next; the last holds its 7.5 s slot.
      duration: k < 7 ? 8 : 7.5,
      motion: { type: 'zoom-in' as const, strength: 0.15 },
      transition: { type: 'fade' as const, duration: 0.5 },
    })),
    captions: {
      words,
      style: {
        fontSize: 72,
        outlineWidth: 5,
        maxWordsPerLine: 4,
        highlight: 'karaoke',
        safeArea: 0.27,
      },
    },
    audio: {
      voice: [{ media: { path: path.join(assets, 'voice.wav') } }],
      music: {
        media: { path: path.join(assets, 'music.wav') },
        volume: 0.6,
        fadeIn: 0,
        fadeOut: 1,
      },
    },
  };
}
