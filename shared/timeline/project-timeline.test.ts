/**
 * The one project → timeline conversion, field by field: motions (shake → a stronger zoom-in),
 * transitions and their overlap, fit, durations and starts, caption words and style (layer,
 * editor preset, brand kit), voice tracks, music (layer or settings, ducking, fades, loop),
 * output (platform, format, presets, proxy), encoder, and the errors naming what is wrong.
 */
import { describe, expect, it } from 'vitest';
import type { BrandKit } from '../contract/brand-kits.contract';
import type { MediaKind } from '../contract/media.contract';
import type { Layer, ProjectDetail, Segment } from '../contract/projects.contract';
import {
  captionPresetOf,
  captionWords,
  MOTION_STRENGTH,
  projectMediaIds,
  projectToTimeline,
  SHAKE_STRENGTH,
  TRANSITION_SEC,
  type ProjectMedia,
  type ProjectTimelineOptions,
  type ProjectTimelineSource,
} from './project-timeline';
import { Timeline, timelineDuration } from './index';

const KINDS: Record<string, MediaKind> = {
  img: 'image',
  img2: 'image',
  vid: 'video',
  a0: 'audio',
  a1: 'audio',
  song: 'audio',
  bed: 'audio',
  narration: 'audio',
  font: 'font',
};

/** Library ids as the editor names them; the main adapter names files instead. */
const byId: ProjectMedia = {
  resolve: (id) => (KINDS[id] ? { ref: { mediaId: id }, kind: KINDS[id] } : undefined),
};

function segment(i: number, patch: Partial<Segment> = {}): Segment {
  return {
    id: `s${i}`,
    projectId: 'p',
    position: i,
    text: '',
    imagePrompt: '',
    durationMs: 2000,
    playbackRate: 1,
    volume: 1,
    motion: 'none',
    transition: 'cut',
    wordTimings: null,
    media: [{ mediaId: 'img', role: 'visual' }],
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

function layer(
  kind: Layer['kind'],
  settings: Record<string, unknown>,
  mediaId: string | null = null,
): Layer {
  return { id: `l-${kind}`, kind, mediaId, settings, position: 0 };
}

function project(patch: Partial<ProjectDetail> = {}): ProjectDetail {
  return {
    id: 'p',
    title: 'Octopus',
    idea: '',
    script: '',
    status: 'ready',
    format: { width: 1080, height: 1920, fps: 30 },
    platform: 'tiktok',
    brandKitId: null,
    settings: {},
    lineage: null,
    segmentCount: 2,
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    revision: 1,
    segments: [segment(0), segment(1)],
    layers: [],
    ...patch,
  };
}

const KIT: BrandKit = {
  id: 'kit',
  name: 'Pink',
  palette: { primary: '#ff1493', secondary: '#00ffff', accent: '#ffff00' },
  colors: [],
  fonts: { heading: 'Noto Sans JP' },
  logos: [],
  defaultLogoType: null,
  toneNotes: '',
  lineage: null,
  createdAt: 0,
  updatedAt: 0,
};

function convert(
  source: ProjectTimelineSource | ProjectDetail,
  options: ProjectTimelineOptions = {},
): Timeline {
  const full = 'project' in source ? source : { project: source };
  return Timeline.parse(projectToTimeline(full, byId, options));
}

describe('projectToTimeline: clips', () => {
  it.each([
    ['none', 'none', MOTION_STRENGTH],
    ['zoom-in', 'zoom-in', MOTION_STRENGTH],
    ['zoom-out', 'zoom-out', MOTION_STRENGTH],
    ['pan-left', 'pan-left', MOTION_STRENGTH],
    ['pan-right', 'pan-right', MOTION_STRENGTH],
    ['shake', 'zoom-in', SHAKE_STRENGTH],
  ] as const)('motion %s on a still → %s at %f', (motion, type, strength) => {
    const [clip] = convert(project({ segments: [segment(0, { motion })] })).clips;
    expect(clip?.motion).toEqual({ type, strength });
  });

  it('keeps videos still (they move by themselves), at their speed with their own sound', () => {
    const segments = [
      segment(0, {
        motion: 'shake',
        playbackRate: 1.5,
        volume: 0.7,
        media: [{ mediaId: 'vid', role: 'visual' }],
      }),
      segment(1, { volume: 0, media: [{ mediaId: 'vid', role: 'visual' }] }),
      segment(2, { playbackRate: 3, volume: 0.5 }),
    ];
    const [loud, mute, still] = convert(project({ segments })).clips;
    expect(loud).toMatchObject({
      type: 'video',
      media: { mediaId: 'vid' },
      speed: 1.5,
      audio: { keep: true, volume: 0.7 },
      motion: { type: 'none', strength: MOTION_STRENGTH },
    });
    expect(mute?.audio).toEqual({ keep: false, volume: 0 });
    // A still has no speed or sound of its own (its segment volume scales its voice instead).
    expect(still).toMatchObject({ type: 'image', speed: 1, audio: { keep: false, volume: 1 } });
  });

  it.each([
    ['cut', 'cut'],
    ['fade', 'fade'],
    ['slide-left', 'slideleft'],
    ['slide-up', 'slideup'],
    ['zoom', 'zoomin'],
    ['wipe', 'wipeleft'],
  ] as const)('transition %s → %s, the clip lengthened by its overlap', (transition, type) => {
    const segments = [
      segment(0, { transition, durationMs: 1500 }),
      segment(1, { transition, durationMs: 2500 }),
    ];
    const timeline = convert(project({ segments }));
    const [first, last] = timeline.clips;
    const overlap = type === 'cut' ? 0 : TRANSITION_SEC;
    expect(first?.transition.type).toBe(type);
    if (type !== 'cut') expect(first?.transition.duration).toBe(TRANSITION_SEC);
    expect(first?.duration).toBeCloseTo(1.5 + overlap, 6);
    // The last clip has nothing to transition into.
    expect(last?.transition.type).toBe('cut');
    expect(last?.duration).toBe(2.5);
    // Whatever the transitions, the video lasts the sum of its segments.
    expect(timelineDuration(timeline)).toBeCloseTo(4, 6);
  });

  it('fills the frame (cover, centred), with durations in seconds from the segments', () => {
    const segments = [segment(0, { durationMs: 1234 }), segment(1, { durationMs: 100 })];
    const clips = convert(project({ segments })).clips;
    expect(clips.map((c) => [c.fit, c.focus, c.duration, c.trimIn])).toEqual([
      ['cover', { x: 0.5, y: 0.5 }, 1.234, 0],
      ['cover', { x: 0.5, y: 0.5 }, 0.1, 0],
    ]);
  });
});

describe('projectToTimeline: output and encoder', () => {
  it.each([
    ['tiktok', 'tiktok'],
    ['youtube-shorts', 'shorts'],
    ['instagram-reels', 'reels'],
    ['twitch', 'youtube'],
    ['custom', 'tiktok'],
  ] as const)('platform %s renders with preset %s at the project size', (platform, preset) => {
    const timeline = convert(project({ platform, format: { width: 720, height: 1280, fps: 25 } }));
    expect(timeline.output).toEqual({ preset, width: 720, height: 1280, fps: 25 });
  });

  it('evens odd sizes, caps the rate at 60, and takes a chosen preset or keeps the size for a proxy', () => {
    const odd = project({ format: { width: 721, height: 1279, fps: 120 } });
    expect(convert(odd).output).toEqual({ preset: 'tiktok', width: 722, height: 1280, fps: 60 });
    expect(convert(odd, { preset: 'square' }).output).toEqual({ preset: 'square' });
    expect(convert(odd, { preset: 'proxy' }).output).toEqual(convert(odd).output);
  });

  it('passes the hardware choice only when given', () => {
    const input = (options: ProjectTimelineOptions) =>
      projectToTimeline({ project: project() }, byId, options).encoder;
    expect(input({})).toBeUndefined();
    expect(input({ hardware: false })).toEqual({ hardware: false });
    expect(convert(project()).encoder.hardware).toBe(true);
  });
});

describe('projectToTimeline: captions', () => {
  const timed = [
    segment(0, {
      durationMs: 2000,
      wordTimings: [
        { word: ' Eight ', startMs: 0, endMs: 400 },
        { word: '  ', startMs: 400, endMs: 500 },
        { word: 'arms.', startMs: 500, endMs: 2600 },
        { word: 'late', startMs: 2100, endMs: 2300 },
      ],
    }),
    segment(1, { wordTimings: [{ word: 'Three', startMs: 700, endMs: 100 }] }),
  ];

  it('places words on the project time line: trimmed, blanks and words past their segment dropped, ends held inside it', () => {
    expect(captionWords(timed)).toEqual([
      { text: 'Eight', start: 0, end: 0.4 },
      { text: 'arms.', start: 0.5, end: 2 },
      { text: 'Three', start: 2.7, end: 2.7 },
    ]);
    expect(convert(project({ segments: timed })).captions?.words).toEqual(captionWords(timed));
    // Without words, no caption track.
    expect(convert(project()).captions).toBeUndefined();
  });

  const captionsLayer = layer('captions', {
    style: { fontSize: 90, position: 'center', highlight: 'pop', fill: '#00FF00', unknown: 1 },
  });
  it.each<[string, Partial<ProjectDetail>, BrandKit | null, Record<string, unknown>]>([
    [
      'defaults',
      {},
      null,
      { fontFamily: 'Noto Sans', fill: '#FFFFFF', highlight: 'karaoke', maxWordsPerLine: 4 },
    ],
    [
      'the layer style',
      { layers: [captionsLayer] },
      null,
      { fontSize: 90, position: 'center', highlight: 'pop', fill: '#00FF00' },
    ],
    [
      'the editor preset plain',
      { settings: { captionPreset: 'plain' } },
      null,
      { highlight: 'none' },
    ],
    [
      'the editor preset over the layer',
      { layers: [captionsLayer], settings: { captionPreset: 'karaoke' } },
      null,
      { highlight: 'karaoke', fontSize: 90 },
    ],
    ['an unknown preset', { settings: { captionPreset: 'fancy' } }, null, { highlight: 'karaoke' }],
    [
      'the brand kit',
      { brandKitId: 'kit' },
      KIT,
      {
        fontFamily: 'Noto Sans JP',
        fill: '#FF1493',
        outline: '#000000',
        highlightColor: '#FFFF00',
      },
    ],
    [
      'the layer over the brand kit',
      { brandKitId: 'kit', layers: [captionsLayer] },
      KIT,
      { fontFamily: 'Noto Sans JP', fill: '#00FF00', highlightColor: '#FFFF00' },
    ],
  ])('style from %s', (_name, patch, brandKit, style) => {
    const timeline = convert({ project: project({ segments: timed, ...patch }), brandKit });
    expect(timeline.captions?.style).toMatchObject(style);
  });

  it('shows the editor the preset it renders', () => {
    expect(captionPresetOf(project())).toBe('karaoke');
    expect(captionPresetOf(project({ layers: [captionsLayer] }))).toBe('pop');
    expect(
      captionPresetOf(project({ layers: [captionsLayer], settings: { captionPreset: 'plain' } })),
    ).toBe('plain');
  });
});

describe('projectToTimeline: audio', () => {
  const voiced = [
    segment(0, {
      volume: 0.5,
      media: [
        { mediaId: 'img', role: 'visual' },
        { mediaId: 'a0', role: 'audio' },
      ],
    }),
    segment(1),
    segment(2, {
      volume: 2,
      media: [
        { mediaId: 'img2', role: 'visual' },
        { mediaId: 'a1', role: 'audio' },
      ],
    }),
  ];
  it.each<[string, Layer[], unknown]>([
    [
      'segments, no voice layer',
      [],
      [
        { media: { mediaId: 'a0' }, start: 0, volume: 0.5 },
        { media: { mediaId: 'a1' }, start: 4, volume: 2 },
      ],
    ],
    [
      'segments times the voice layer volume, at most 4',
      [layer('voice', { volume: 3 })],
      [
        { media: { mediaId: 'a0' }, start: 0, volume: 1.5 },
        { media: { mediaId: 'a1' }, start: 4, volume: 4 },
      ],
    ],
    [
      'the voice layer file from the start',
      [layer('voice', { volume: 0.8 }, 'narration')],
      [{ media: { mediaId: 'narration' }, start: 0, volume: 0.8 }],
    ],
  ])('voice: %s', (_name, layers, voice) => {
    expect(convert(project({ segments: voiced, layers })).audio.voice).toEqual(voice);
  });

  it.each<[string, Partial<ProjectDetail>, unknown]>([
    ['none', {}, undefined],
    ['settings without a medium', { settings: { music: { volume: 1 } } }, undefined],
    [
      'the editor defaults',
      { settings: { music: { mediaId: 'bed' } } },
      {
        media: { mediaId: 'bed' },
        volume: 0.4,
        ducking: { enabled: true, amount: 0.6 },
        fadeIn: 1,
        fadeOut: 2,
        loop: true,
      },
    ],
    [
      'the editor settings',
      {
        settings: {
          music: { mediaId: 'bed', volume: 0.25, ducking: false, fadeIn: 0, fadeOut: 3 },
        },
      },
      {
        media: { mediaId: 'bed' },
        volume: 0.25,
        ducking: { enabled: false, amount: 0.6 },
        fadeIn: 0,
        fadeOut: 3,
        loop: true,
      },
    ],
    [
      'a music layer with amount and loop',
      {
        layers: [
          layer(
            'music',
            {
              volume: 0.3,
              ducking: { enabled: true, amount: 0.8 },
              fadeIn: 0.5,
              fadeOut: 1,
              loop: false,
            },
            'song',
          ),
        ],
      },
      {
        media: { mediaId: 'song' },
        volume: 0.3,
        ducking: { enabled: true, amount: 0.8 },
        fadeIn: 0.5,
        fadeOut: 1,
        loop: false,
      },
    ],
    [
      'a music layer with ducking off in object form',
      { layers: [layer('music', { ducking: { enabled: false } }, 'song')] },
      {
        media: { mediaId: 'song' },
        volume: 0.4,
        ducking: { enabled: false, amount: 0.6 },
        fadeIn: 1,
        fadeOut: 2,
        loop: true,
      },
    ],
    [
      'the layer file over the editor settings',
      {
        layers: [layer('music', { volume: 0.3 }, 'song')],
        settings: { music: { mediaId: 'bed', volume: 1 } },
      },
      {
        media: { mediaId: 'song' },
        volume: 0.3,
      },
    ],
    [
      'the editor settings when the layer has no file',
      {
        layers: [layer('music', { volume: 0.3 })],
        settings: { music: { mediaId: 'bed', volume: 0.9 } },
      },
      {
        media: { mediaId: 'bed' },
        volume: 0.9,
      },
    ],
  ])('music: %s', (_name, patch, music) => {
    const timeline = convert(project(patch));
    if (music === undefined) expect(timeline.audio.music).toBeUndefined();
    else expect(timeline.audio.music).toMatchObject(music as object);
  });

  it('lists every medium the timeline may need', () => {
    const p = project({
      segments: voiced,
      layers: [layer('voice', {}, 'narration'), layer('music', {}, 'song')],
      settings: { music: { mediaId: 'bed' } },
    });
    expect(projectMediaIds(p).sort()).toEqual([
      'a0',
      'a1',
      'bed',
      'img',
      'img2',
      'narration',
      'song',
    ]);
  });
});

describe('projectToTimeline: errors name what is wrong', () => {
  it.each<[string, Partial<ProjectDetail>, RegExp]>([
    ['no segments', { segments: [] }, /"Octopus" has no segments yet/],
    [
      'a segment without a picture',
      { segments: [segment(0), segment(1, { media: [] })] },
      /Segment 2 of "Octopus" has no picture or video yet/,
    ],
    [
      'a sound as the picture',
      { segments: [segment(0, { media: [{ mediaId: 'song', role: 'visual' }] })] },
      /Segment 1 of "Octopus" shows a audio file/,
    ],
    [
      'a font as the picture',
      { segments: [segment(0, { media: [{ mediaId: 'font', role: 'visual' }] })] },
      /shows a font file/,
    ],
    [
      'a missing medium',
      { segments: [segment(0, { media: [{ mediaId: 'gone', role: 'visual' }] })] },
      /Project p uses a missing medium gone/,
    ],
    ['missing music', { settings: { music: { mediaId: 'gone' } } }, /missing medium gone/],
    [
      'a bad caption style',
      {
        segments: [segment(0, { wordTimings: [{ word: 'Hi', startMs: 0, endMs: 100 }] })],
        layers: [layer('captions', { style: { fontSize: 'huge' } })],
      },
      /captions style of "Octopus" is invalid: style.fontSize/,
    ],
  ])('%s', (_name, patch, message) => {
    expect(() => projectToTimeline({ project: project(patch) }, byId)).toThrow(message);
  });
});
