import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/presets';
import { parseTimeline, timelineDuration, timelineJsonSchema } from '../../../shared/timeline';
import { exportCaptions } from './captions/caption-export';
import { groupCaptionLines } from './captions/caption-lines';
import { fontRuns } from './captions/script-fonts';
import { assColor, assTime } from './captions/ass-format';
import { buildAssDocument } from './captions/ass-document';
import { filterValue } from './filter-escape';
import { ProgressParser, type RenderProgress } from './progress-parser';
import { compileRender } from './render-compiler';
import { resolveOutput } from './output-settings';
import { placeFrames, transitionStatements } from './video-graph';

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

  it('sends only the overlapping frames through xfade and concatenates the rest in yuv420p', () => {
    const fade = { type: 'fade', duration: 0.5 } as const;
    const timeline = parseTimeline({
      version: 1,
      clips: [
        { ...still, transition: fade },
        { ...still, transition: { type: 'wipeleft', duration: 0.5 } },
        { ...still, transition: { type: 'cut' } },
        still,
      ],
    });
    expect(placeFrames(timeline.clips, 30)).toEqual([
      { frames: 60, overlapIn: 0, overlapOut: 15 },
      { frames: 60, overlapIn: 15, overlapOut: 15 },
      { frames: 60, overlapIn: 15, overlapOut: 0 },
      { frames: 60, overlapIn: 0, overlapOut: 0 },
    ]);
    const graph = transitionStatements(timeline.clips, 30, 'joined').join(';');
    expect(graph.match(/xfade=/g)).toHaveLength(2);
    expect(graph).toContain('[t0][h1]xfade=transition=fade:duration=0.5:offset=0,format=yuv420p');
    expect(graph).toContain('[t1][h2]xfade=transition=wipeleft');
    expect(graph).toContain('[m0][x0][m1][x1][m2][v3]concat=n=6');
    // Clip 1: 15 frames shared with clip 0, 30 of its own, 15 shared with clip 2.
    expect(graph).toContain('[m0s]trim=start_frame=0:end_frame=45');
    expect(graph).toContain('[t0s]trim=start_frame=45:end_frame=60');
    expect(graph).toContain('[h1s]trim=start_frame=0:end_frame=15');
    expect(graph).toContain('[m1s]trim=start_frame=15:end_frame=45');
    expect(graph).toContain('[t1s]trim=start_frame=45:end_frame=60');
  });

  it('joins clips whose two transitions overlap with the plain xfade chain', () => {
    const fade = { type: 'fade', duration: 0.6 } as const;
    const timeline = parseTimeline({
      version: 1,
      clips: [
        { ...still, duration: 1, transition: fade },
        { ...still, duration: 1, transition: fade },
        { ...still, duration: 1 },
      ],
    });
    const graph = transitionStatements(timeline.clips, 30, 'joined').join(';');
    expect(graph).toContain('[v0][v1]xfade=transition=fade:duration=0.6:offset=0.4[x1]');
    expect(graph).toContain('[x1][v2]xfade=transition=fade:duration=0.6:offset=0.8[joined444]');
    expect(graph).toContain('[joined444]format=yuv420p[joined]');
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

  it('writes one event per spoken word in karaoke and pop modes, one per line otherwise', () => {
    const ass = (highlight: string) => {
      const timeline = parseTimeline({
        version: 1,
        clips: [still],
        captions: { words: words.slice(0, 2), style: { highlight } },
      });
      const doc = buildAssDocument({
        width: 1080,
        height: 1920,
        captions: timeline.captions,
        overlays: [],
      });
      return (doc ?? '').split('\n').filter((l) => l.startsWith('Dialogue:'));
    };
    const none = ass('none');
    const karaoke = ass('karaoke');
    const pop = ass('pop');
    expect(none).toHaveLength(1);
    expect(karaoke).toHaveLength(2);
    expect(karaoke[0]).toMatch(/\{\\1c&H[0-9A-F]+&\}One/);
    expect(pop).toHaveLength(2);
    // pop: the spoken word starts small and grows past full size
    expect(pop[1]).toContain('\\fscx85\\fscy85\\t(0,90,\\fscx118\\fscy118)}two.');
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
