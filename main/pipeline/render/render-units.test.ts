import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/presets';
import { parseTimeline, timelineDuration, timelineJsonSchema } from '../../../shared/timeline';
import { exportCaptions } from './captions/caption-export';
import { groupCaptionLines } from './captions/caption-lines';
import { fontRuns } from './captions/script-fonts';
import { assColor, assTime } from './captions/ass-format';
import { filterValue } from './filter-escape';
import { ProgressParser, type RenderProgress } from './progress-parser';
import { compileRender } from './render-compiler';
import { resolveOutput } from './output-settings';

const still = { type: 'image', media: { path: '/m/a.png' }, duration: 2 } as const;
const media = new Map([['clips.0.media', { path: '/m/a.png', hasVideo: true, hasAudio: false }]]);

describe('compiler', () => {
  it('emits one argument array with exactly one -filter_complex and the temp output last', () => {
    const timeline = parseTimeline({ version: 1, clips: [still] });
    const c = compileRender({
      timeline,
      media,
      outputPath: '/o/.x.part.mp4',
      assPath: '/t/c.ass',
      fontsDir: '/f',
    });
    expect(c.args.filter((a) => a === '-filter_complex')).toHaveLength(1);
    expect(c.args.at(-1)).toBe('/o/.x.part.mp4');
    expect(c.args).toEqual(expect.arrayContaining(['+faststart', 'yuv420p', 'aac', '48000']));
    expect(c.output).toMatchObject({ width: 1080, height: 1920, fps: 30 });
  });

  it('halves the timeline size for the proxy preset and keeps captions laid out at full size', () => {
    const timeline = parseTimeline({ version: 1, output: { preset: 'youtube' }, clips: [still] });
    expect(resolveOutput(timeline, 'proxy')).toMatchObject({
      width: 960,
      height: 540,
      designWidth: 1920,
      speed: 'ultrafast',
    });
    expect(resolveOutput(timeline, 'square')).toMatchObject({ width: 1080, height: 1080 });
  });

  it('escapes paths for filtergraphs', () => {
    expect(filterValue("C:\\a b\\it's[1],x;y.ass")).toBe(
      "C\\\\:\\\\\\\\a b\\\\\\\\it\\\\\\'s\\[1\\]\\,x\\;y.ass",
    );
  });

  it('computes totals with transitions', () => {
    const clip = (t?: string) => ({
      ...still,
      transition: t ? { type: t, duration: 0.5 } : undefined,
    });
    const timeline = parseTimeline({ version: 1, clips: [clip('fade'), clip(), clip('fade')] });
    expect(timelineDuration(timeline)).toBeCloseTo(5.5, 9); // 6 − 0.5 (last clip's transition ignored)
  });

  it('has every preset id with even sizes', () => {
    for (const p of Object.values(PRESETS)) {
      expect(p.width % 2).toBe(0);
      expect(p.height % 2).toBe(0);
    }
  });
});

describe('timeline schema file', () => {
  it('resources/timeline.schema.json matches the zod schema (run: npm run build)', () => {
    const file = new URL('../../../resources/timeline.schema.json', import.meta.url);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(timelineJsonSchema());
  });
});

describe('captions', () => {
  const words = [
    { text: 'One', start: 0, end: 0.4 },
    { text: 'two.', start: 0.4, end: 0.8 },
    { text: 'Three', start: 2, end: 2.5 },
    { text: 'four', start: 2.5, end: 3 },
  ];
  it('breaks lines at sentence ends, pauses and the word limit', () => {
    expect(groupCaptionLines(words, 3).map((l) => l.words.length)).toEqual([2, 2]);
    expect(groupCaptionLines(words, 1)).toHaveLength(4);
  });

  it('exports SRT, WebVTT and ASS', () => {
    const captions = { words, style: { maxWordsPerLine: 4 } } as never;
    const srt = exportCaptions(captions, 'srt', { width: 1080, height: 1920 });
    expect(srt).toBe(
      '1\n00:00:00,000 --> 00:00:00,800\nOne two.\n\n2\n00:00:02,000 --> 00:00:03,000\nThree four\n',
    );
    expect(exportCaptions(captions, 'vtt', { width: 1080, height: 1920 })).toContain(
      'WEBVTT\n\n00:00:00.000 --> 00:00:00.800\nOne two.',
    );
  });

  it('switches fonts for Arabic, Japanese and emoji runs', () => {
    expect(fontRuns('Hi مرحبا 日本 🎉')).toEqual([
      { text: 'Hi ', family: null },
      { text: 'مرحبا ', family: 'Noto Sans Arabic' },
      { text: '日本 ', family: 'Noto Sans JP' },
      { text: '🎉', family: 'Noto Emoji' },
    ]);
  });

  it('encodes ASS times and colours', () => {
    expect(assTime(3661.234)).toBe('1:01:01.23');
    expect(assColor('#FF8000')).toBe('&H000080FF');
    expect(assColor('#00000080')).toBe('&H7F000000');
  });
});

describe('progress', () => {
  it('turns -progress blocks into percent, fps, speed and ETA', () => {
    let now = 0;
    const seen: RenderProgress[] = [];
    const parser = new ProgressParser(
      10,
      (p) => seen.push(p),
      () => now,
    );
    now = 2000;
    parser.push('frame=75\nfps=37.5\nout_time_us=2500000\nspeed=1.25x\nprogress=con');
    parser.push('tinue\nout_time_us=10000000\nprogress=end\n');
    expect(seen[0]).toEqual({
      percent: 25,
      outSeconds: 2.5,
      fps: 37.5,
      speed: 1.25,
      etaSeconds: 6,
      done: false,
    });
    expect(seen[1]).toMatchObject({ percent: 100, done: true, etaSeconds: 0 });
  });
});
