import { describe, expect, it } from 'vitest';
import type { ProjectDetail, Segment } from '../../../shared/contract/projects.contract';
import { Timeline, timelineDuration } from '../../../shared/timeline';
import type { RenderSource, ResolvedMedia } from '../../store/projects/render-source';
import { projectToTimeline, TRANSITION_SEC } from './project-timeline';

const file = (id: string, kind: ResolvedMedia['kind']): ResolvedMedia => ({
  id,
  path: `/lib/${id}`,
  kind,
  mime: 'x/y',
  width: null,
  height: null,
  durationMs: null,
});

function segment(i: number, patch: Partial<Segment>): Segment {
  return {
    id: `s${i}`,
    projectId: 'p',
    position: i,
    text: '',
    imagePrompt: '',
    durationMs: 2000,
    playbackRate: 1,
    volume: 1,
    motion: 'zoom-in',
    transition: 'fade',
    wordTimings: null,
    media: [],
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

function source(patch: Partial<ProjectDetail>): RenderSource {
  const media = new Map(
    [
      file('img', 'image'),
      file('vid', 'video'),
      file('v0', 'audio'),
      file('v1', 'audio'),
      file('song', 'audio'),
      file('narration', 'audio'),
    ].map((m) => [m.id, m]),
  );
  return {
    media,
    project: {
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
      segments: [
        segment(0, {
          durationMs: 2000,
          motion: 'pan-left',
          transition: 'slide-up',
          media: [
            { mediaId: 'img', role: 'visual' },
            { mediaId: 'v0', role: 'audio' },
          ],
          wordTimings: [
            { word: 'Eight', startMs: 0, endMs: 400 },
            { word: 'arms.', startMs: 500, endMs: 2600 },
            { word: 'late', startMs: 2500, endMs: 2700 },
          ],
        }),
        segment(1, {
          durationMs: 3000,
          playbackRate: 2,
          volume: 0.5,
          media: [
            { mediaId: 'vid', role: 'visual' },
            { mediaId: 'v1', role: 'audio' },
          ],
          wordTimings: [{ word: 'Three', startMs: 100, endMs: 600 }],
        }),
      ],
      layers: [
        {
          id: 'l1',
          kind: 'captions',
          mediaId: null,
          settings: { style: { fontSize: 90, highlight: 'pop', position: 'center' }, extra: 1 },
          position: 0,
        },
        { id: 'l2', kind: 'voice', mediaId: null, settings: { volume: 0.8 }, position: 1 },
        {
          id: 'l3',
          kind: 'music',
          mediaId: 'song',
          settings: {
            volume: 0.3,
            ducking: { enabled: true, amount: 0.8 },
            fadeIn: 0.5,
            fadeOut: 1,
          },
          position: 2,
        },
      ],
      ...patch,
    },
  };
}

describe('projectToTimeline', () => {
  it('turns segments and every layer kind into a valid timeline, in sync', () => {
    const input = projectToTimeline(source({}));
    const timeline = Timeline.parse(input);
    expect(timeline.output).toMatchObject({ preset: 'tiktok', width: 1080, height: 1920, fps: 30 });
    const [first, second] = timeline.clips;
    expect(first).toMatchObject({
      type: 'image',
      media: { path: '/lib/img' },
      duration: 2 + TRANSITION_SEC,
      motion: { type: 'pan-left', strength: 0.12 },
      transition: { type: 'slideup', duration: TRANSITION_SEC },
      audio: { keep: false },
    });
    expect(second).toMatchObject({
      type: 'video',
      media: { path: '/lib/vid' },
      duration: 3,
      speed: 2,
      audio: { keep: true, volume: 0.5 },
      motion: { type: 'none' },
      transition: { type: 'cut' },
    });
    // Transitions overlap, but segment 2 still starts at 2 s: total = sum of segment durations.
    expect(timelineDuration(timeline)).toBeCloseTo(5, 6);
    expect(timeline.audio.voice).toEqual([
      { media: { path: '/lib/v0' }, start: 0, volume: 0.8 },
      { media: { path: '/lib/v1' }, start: 2, volume: 0.4 },
    ]);
    expect(timeline.audio.music).toMatchObject({
      media: { path: '/lib/song' },
      volume: 0.3,
      ducking: { enabled: true, amount: 0.8 },
      fadeIn: 0.5,
      fadeOut: 1,
      loop: true,
    });
    expect(timeline.captions?.words).toEqual([
      { text: 'Eight', start: 0, end: 0.4 },
      { text: 'arms.', start: 0.5, end: 2 },
      { text: 'Three', start: 2.1, end: 2.6 },
    ]);
    expect(timeline.captions?.style).toMatchObject({
      fontSize: 90,
      highlight: 'pop',
      position: 'center',
      fontFamily: 'Noto Sans',
    });
  });

  it('uses a voice layer file and a chosen preset; segments speak and caption without layers', () => {
    const base = source({}).project;
    const input = projectToTimeline(
      source({
        platform: 'youtube-shorts',
        layers: [{ id: 'v', kind: 'voice', mediaId: 'narration', settings: {}, position: 0 }],
      }),
    );
    expect(input.output).toMatchObject({ preset: 'shorts' });
    expect(input.audio?.voice).toEqual([
      { media: { path: '/lib/narration' }, start: 0, volume: 1 },
    ]);
    // What the segments hold is rendered (as the editor previews it) even with no captions layer.
    expect(input.captions?.words).toHaveLength(3);
    expect(input.audio?.music).toBeUndefined();
    const preset = projectToTimeline(source({ layers: base.layers }), { preset: 'square' });
    expect(preset.output).toEqual({ preset: 'square' });
    const proxy = projectToTimeline(source({}), { preset: 'proxy' });
    expect(proxy.output).toMatchObject({ preset: 'tiktok', width: 1080, height: 1920 });
    const noLayers = projectToTimeline(source({ layers: [] }));
    expect(noLayers.audio?.voice).toEqual([
      { media: { path: '/lib/v0' }, start: 0, volume: 1 },
      { media: { path: '/lib/v1' }, start: 2, volume: 0.5 },
    ]);
    const odd = projectToTimeline(source({ format: { width: 721, height: 1279, fps: 25 } }));
    expect(odd.output).toMatchObject({ width: 722, height: 1280, fps: 25 });
  });

  it("plays the editor's music (settings.music) when there is no music layer file", () => {
    const layers = source({}).project.layers.filter((l) => l.kind !== 'music');
    const input = projectToTimeline(
      source({ layers, settings: { music: { mediaId: 'song', volume: 0.25, ducking: false } } }),
    );
    // The editor's defaults fill what it did not write: 1 s in, 2 s out.
    expect(input.audio?.music).toEqual({
      media: { path: '/lib/song' },
      volume: 0.25,
      ducking: { enabled: false },
      fadeIn: 1,
      fadeOut: 2,
    });
    // A music layer with its own file wins over the stored music.
    const both = projectToTimeline(source({ settings: { music: { mediaId: 'narration' } } }));
    expect(both.audio?.music).toMatchObject({ media: { path: '/lib/song' }, volume: 0.3 });
    // Settings without a medium add no music.
    const none = projectToTimeline(source({ layers, settings: { music: { volume: 1 } } }));
    expect(none.audio?.music).toBeUndefined();
  });

  it('names what is missing or wrong', () => {
    expect(() => projectToTimeline(source({ segments: [] }))).toThrow(/has no segments yet/);
    const bare = source({}).project.segments.map((s, i) => (i === 1 ? { ...s, media: [] } : s));
    expect(() => projectToTimeline(source({ segments: bare }))).toThrow(
      /Segment 2 of "Octopus" has no picture or video yet/,
    );
    const audioOnly = source({}).project.segments.map((s) => ({
      ...s,
      media: [{ mediaId: 'song', role: 'visual' as const }],
    }));
    expect(() => projectToTimeline(source({ segments: audioOnly }))).toThrow(
      /shows a audio file; it needs an image or a video/,
    );
    const badStyle = source({}).project.layers.map((l) =>
      l.kind === 'captions' ? { ...l, settings: { style: { fontSize: 'huge' } } } : l,
    );
    expect(() => projectToTimeline(source({ layers: badStyle }))).toThrow(
      /captions style of "Octopus" is invalid: style.fontSize/,
    );
  });
});
