import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../wav';
import { OfflineImageProvider, wrapTitle } from './offline-image.provider';
import { OfflineScriptProvider, requestedCount, topicOf } from './offline-script.provider';
import { findSpeechEngine, OfflineSpeechProvider } from './offline-speech.provider';
import { countSyllables, estimateWordTimings } from './word-timing.estimator';

const FFMPEG = process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg';

describe('offline script', () => {
  it('reads the topic and count of an idea', () => {
    expect(topicOf('three facts about octopuses')).toBe('octopuses');
    expect(requestedCount('three facts about octopuses')).toBe(3);
    expect(requestedCount('why cats purr')).toBeNull();
  });

  it('writes hook → points → call to action fitted to the duration, deterministically', async () => {
    const provider = new OfflineScriptProvider();
    const request = {
      idea: 'three facts about octopuses',
      style: 'fun',
      targetDurationSec: 30,
      language: 'en',
    };
    const script = await provider.writeScript(request);
    expect(script.segments).toHaveLength(5);
    expect(script.segments[1]?.text).toMatch(/^Number 1: .*octopuses/);
    const total = script.segments.reduce((sum, s) => sum + s.duration, 0);
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThan(40);
    expect(await provider.writeScript(request)).toEqual(script);
    const long = await provider.writeScript({
      ...request,
      idea: 'why cats purr',
      targetDurationSec: 90,
    });
    expect(long.segments.length).toBeGreaterThan(5);
  });
});

describe('word timings from syllables', () => {
  it('counts syllables roughly', () => {
    expect(countSyllables('octopus')).toBe(3);
    expect(countSyllables('three')).toBe(1);
    expect(countSyllables('hearts.')).toBe(1);
  });

  it('fills the audio length, in order, longer words longer', () => {
    const words = estimateWordTimings('Octopuses have three hearts.', 2);
    expect(words.map((w) => w.word)).toEqual(['Octopuses', 'have', 'three', 'hearts.']);
    for (let i = 1; i < words.length; i++)
      expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end);
    expect(words[0]!.end - words[0]!.start).toBeGreaterThan(words[1]!.end - words[1]!.start);
    expect(words.at(-1)!.end).toBeLessThanOrEqual(2);
    expect(words.at(-1)!.end).toBeGreaterThan(1.5);
  });
});

describe('offline images', () => {
  it('wraps titles', () => {
    expect(wrapTitle('three facts about octopuses', 12)).toBe('three facts\nabout\noctopuses');
  });

  it('draws the same 1080×1920 PNG for the same prompt, another for another', async () => {
    const provider = new OfflineImageProvider({ ffmpeg: () => Promise.resolve(FFMPEG) });
    const request = {
      prompt: 'octopus',
      width: 1080,
      height: 1920,
      style: 'fun',
      brandColors: ['#ff0066', '#220044'],
      title: 'Octopus facts',
    };
    const a = await provider.makeImage(request);
    const b = await provider.makeImage(request);
    expect(a.png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(a.png.readUInt32BE(16)).toBe(1080);
    expect(a.png.readUInt32BE(20)).toBe(1920);
    expect(a.png.equals(b.png)).toBe(true);
    const c = await provider.makeImage({ ...request, prompt: 'squid' });
    expect(c.png.equals(a.png)).toBe(false);
  });
});

describe('offline speech', () => {
  it('speaks with the OS engine (espeak-ng here) into a WAV', async () => {
    const engine = findSpeechEngine(process.env);
    expect(engine.name).toBe('espeak-ng');
    const result = await new OfflineSpeechProvider(engine).speak({
      text: 'Octopuses have three hearts.',
      voice: 'alloy',
      speed: 1,
      language: 'en',
    });
    expect(result.durationSec).toBeGreaterThan(1);
    expect(readWavInfo(result.wav).durationSec).toBe(result.durationSec);
  });

  it('falls back to silence of the estimated length without an engine', async () => {
    const engine = findSpeechEngine({ PATH: '/nonexistent' }, 'linux');
    expect(engine.name).toBe('silence');
    const result = await new OfflineSpeechProvider(engine).speak({
      text: 'one two three four five',
      voice: 'default',
      speed: 1,
      language: 'en',
    });
    expect(result.durationSec).toBeCloseTo(2, 1);
  });
});
