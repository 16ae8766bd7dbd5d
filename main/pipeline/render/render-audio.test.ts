/**
 * The audio mix on real renders, measured with ffmpeg (volumedetect on time windows, ebur128):
 * music ducked under the voice only while it speaks, music fades, and the true-peak ceiling on
 * loud and transient-rich input.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineInput } from '../../../shared/timeline';
import { DUCKING_MAX_DB } from './audio-graph';
import type { RenderService } from './render.service';
import { loudness, makeService, meanVolume, still, synth } from './render-test-kit';
import { useTempDirs } from '../../../tests/helpers/temp-dir';

const tempDir = useTempDirs();

let dir: string;
let service: RenderService;

/** Keeps the 150 Hz music tone and removes the 1 kHz voice tone (about −60 dB at 1 kHz). */
const MUSIC_ONLY = 'lowpass=f=300,lowpass=f=300,lowpass=f=300';

async function render(
  name: string,
  seconds: number,
  audio: NonNullable<TimelineInput['audio']>,
): Promise<string> {
  const output = path.join(dir, name);
  await service.render({
    output,
    timeline: {
      version: 1,
      output: { width: 64, height: 64, fps: 10 },
      encoder: { speed: 'ultrafast', hardware: false },
      clips: [{ type: 'image', media: { path: 'blue.png' }, duration: seconds }],
      audio,
    },
  });
  return output;
}

beforeAll(async () => {
  dir = tempDir();
  service = await makeService(dir);
  still(dir, 'blue.png', 'blue', 64, 64);
  // Speech-level tones: the voice a 1 kHz tone (−15 dBFS RMS) for 2 s, the music 150 Hz for 6 s.
  synth(dir, 'voice.wav', '0.25*sin(2*PI*1000*t)', 2);
  synth(dir, 'music.wav', '0.25*sin(2*PI*150*t)', 6);
  // A very quiet voice (the old fixed −36 dBFS threshold never ducked it): 1 kHz bursts at −40 dBFS RMS (0.3 s on, 0.1 s off) for 2 s.
  synth(dir, 'quiet-voice.wav', '0.01414*sin(2*PI*1000*t)*lt(mod(t,0.4),0.3)', 2);
  // A hot master: loud pink-ish noise clipped at full scale (about −8 LUFS).
  synth(dir, 'hot.wav', 'max(-0.99,min(0.99,1.5*sin(2*PI*110*t)+0.6*(random(0)*2-1)))', 4);
  // Transient-rich: a quiet tone with full-scale noise bursts 4 times a second (like hi-hats),
  // so normalising to −14 LUFS lifts the bursts far past the ceiling unless limited.
  synth(dir, 'bursts.wav', '0.2*sin(2*PI*200*t)+if(lt(mod(t,0.25),0.01),0.9*(random(0)*2-1),0)', 4);
});

describe('audio mix', () => {
  it('ducks the music while the voice speaks, and only then; no dip with ducking off', async () => {
    const voice = [{ media: { path: 'voice.wav' }, start: 2 }];
    const music = (enabled: boolean) => ({
      media: { path: 'music.wav' },
      fadeIn: 0,
      fadeOut: 0,
      ducking: { enabled, amount: 0.6 },
    });
    const ducked = await render('ducked.mp4', 6, { voice, music: music(true) });
    const plain = await render('plain.mp4', 6, { voice, music: music(false) });
    const level = (file: string, start: number) => meanVolume(file, start, 1, MUSIC_ONLY);

    const before = level(ducked, 0.5);
    const during = level(ducked, 2.5);
    const after = level(ducked, 4.5);
    expect(during).toBeLessThan(before - 10);
    // The music comes back (and does not stop) once the voice has ended.
    expect(after).toBeGreaterThan(during + 10);
    expect(Math.abs(after - before)).toBeLessThan(3);
    // The same music without ducking keeps its level while the voice plays.
    expect(during).toBeLessThan(level(plain, 2.5) - 10);
    expect(Math.abs(level(plain, 2.5) - level(plain, 0.5))).toBeLessThan(2);
    expect(Math.abs(level(plain, 4.5) - level(plain, 0.5))).toBeLessThan(2);
  });

  it('ducks the music under a very quiet (−40 dBFS) voice by about the ducking amount', async () => {
    const voice = [{ media: { path: 'quiet-voice.wav' }, start: 2 }];
    const music = (enabled: boolean) => ({
      media: { path: 'music.wav' },
      fadeIn: 0,
      fadeOut: 0,
      ducking: { enabled, amount: 0.6 },
    });
    const ducked = await render('quiet-ducked.mp4', 6, { voice, music: music(true) });
    const plain = await render('quiet-plain.mp4', 6, { voice, music: music(false) });
    const level = (file: string, start: number) => meanVolume(file, start, 1, MUSIC_ONLY);

    // Amount 0.6 of DUCKING_MAX_DB (30 dB): about 18 dB down while the voice speaks.
    const expected = 0.6 * DUCKING_MAX_DB;
    const before = level(ducked, 0.5);
    const during = level(ducked, 2.5);
    const after = level(ducked, 4.5);
    expect(before - during).toBeGreaterThan(expected - 4);
    expect(before - during).toBeLessThan(expected + 4);
    expect(Math.abs(after - before)).toBeLessThan(3);
    // As deep as under a voice 25 dB louder: the depth follows the amount, not the voice level.
    const loud = await render('loud-ducked.mp4', 6, {
      voice: [{ media: { path: 'voice.wav' }, start: 2 }],
      music: music(true),
    });
    const loudDepth = level(loud, 0.5) - level(loud, 2.5);
    expect(Math.abs(before - during - loudDepth)).toBeLessThan(4);
    // Ducking off: the music keeps its level under the same voice.
    expect(Math.abs(level(plain, 2.5) - level(plain, 0.5))).toBeLessThan(2);
    expect(Math.abs(level(plain, 4.5) - level(plain, 0.5))).toBeLessThan(2);
  });

  it('fades the music in at the start and out at the end', async () => {
    const file = await render('fades.mp4', 4, {
      music: { media: { path: 'music.wav' }, fadeIn: 1, fadeOut: 1, loop: false },
    });
    const middle = meanVolume(file, 1.5, 1);
    expect(meanVolume(file, 0, 0.25)).toBeLessThan(middle - 8);
    expect(meanVolume(file, 0.5, 0.25)).toBeLessThan(middle - 1);
    expect(meanVolume(file, 0.5, 0.25)).toBeGreaterThan(meanVolume(file, 0, 0.25));
    expect(meanVolume(file, 3.75, 0.25)).toBeLessThan(middle - 8);
  });

  it('keeps true peaks at or below −1 dBTP on loud and on transient-rich input', async () => {
    const hot = await render('hot.mp4', 4, {
      music: { media: { path: 'hot.wav' }, volume: 1, fadeIn: 0, fadeOut: 0 },
    });
    const bursts = await render('bursts.mp4', 4, { voice: [{ media: { path: 'bursts.wav' } }] });
    const hotLevel = loudness(hot);
    expect(hotLevel.truePeak).toBeLessThanOrEqual(-1);
    expect(Math.abs(hotLevel.integrated - -14)).toBeLessThanOrEqual(1);
    expect(loudness(bursts).truePeak).toBeLessThanOrEqual(-1);
  });
});
