import { describe, expect, it } from 'vitest';
import { MontageEdit, type Moment } from '../../../../shared/contract/montage.contract';
import { parseTimeline } from '../../../../shared/timeline';
import { montageTimeline, type MontageSources } from './montage-timeline';

function moment(clipId: string, startS: number, endS: number): Moment {
  return {
    id: `${clipId}@${String(startS)}`,
    clipId,
    startS,
    endS,
    peakS: startS,
    score: 1,
    reasons: ['loud burst'],
  };
}

const BPM = 100;
const PERIOD = 60 / BPM;
const beats = Array.from({ length: 60 }, (_, k) => Math.round((0.2 + k * PERIOD) * 1000) / 1000);

function sources(overrides: Partial<MontageSources> = {}): MontageSources {
  return {
    clipPath: (id) => `/clips/${id}.mp4`,
    clipDurationS: () => 10,
    musicPath: '/music.wav',
    beats,
    cardImage: '/cards/ffcc00.png',
    card: { background: '#FFCC00', text: '#111111', fontFamily: 'Noto Sans' },
    ...overrides,
  };
}

const moments = [moment('a', 1, 3.3), moment('b', 0.5, 2.9), moment('c', 2, 4.1)];

describe('montage → timeline v1', () => {
  it('puts every cut within half a frame of a beat, from absolute times (no drift)', () => {
    const edit = MontageEdit.parse({
      moments,
      music: { id: 'm' },
      intro: { text: 'GG', durationS: 1.5 },
    });
    const { timeline, layout } = montageTimeline(edit, sources());
    const parsed = parseTimeline(timeline);
    expect(parsed.clips.map((c) => c.type)).toEqual(['image', 'video', 'video', 'video']);
    expect(layout.cuts).toHaveLength(4);
    for (const cut of layout.cuts) {
      const nearest = Math.min(...beats.map((b) => Math.abs(b - cut)));
      expect(nearest).toBeLessThanOrEqual(0.5 / 30 + 1e-9);
      // Cuts are whole frames at the preset's 30 fps.
      expect(Math.abs(cut * 30 - Math.round(cut * 30))).toBeLessThan(1e-6);
    }
    // Clip durations add up to the cut positions exactly.
    let t = 0;
    parsed.clips.forEach((clip, k) => {
      t += clip.duration;
      if (k < layout.cuts.length) expect(t).toBeCloseTo(layout.cuts[k] ?? -1, 9);
    });
    // Lengths move by less than a beat (plus a frame) from what was chosen.
    parsed.clips.slice(1).forEach((clip, k) => {
      const m = moments[k];
      expect(Math.abs(clip.duration - ((m?.endS ?? 0) - (m?.startS ?? 0)))).toBeLessThan(
        PERIOD / 2 + 1 / 30,
      );
      expect(clip.trimIn).toBe(m?.startS);
    });
  });

  it('keeps the chosen lengths without music, and never reads past a clip', () => {
    const edit = MontageEdit.parse({ moments: [moment('a', 8.5, 11)] });
    const { timeline, layout } = montageTimeline(edit, sources({ musicPath: null }));
    const parsed = parseTimeline(timeline);
    expect(parsed.clips).toHaveLength(1);
    expect(parsed.clips[0]?.duration).toBeCloseTo(1.5, 6);
    expect(parsed.audio.music).toBeUndefined();
    // Without music the clip keeps its sound whatever the mode.
    expect(parsed.clips[0]?.audio.keep).toBe(true);
    expect(layout.beats).toEqual([]);
  });

  it('ducks the music under kept clip sound, or mutes the clips', () => {
    const duck = parseTimeline(
      montageTimeline(MontageEdit.parse({ moments, music: { id: 'm' }, audio: 'duck' }), sources())
        .timeline,
    );
    expect(duck.clips.every((c) => c.audio.keep)).toBe(true);
    expect(duck.audio.music?.ducking.enabled).toBe(true);
    const mute = parseTimeline(
      montageTimeline(MontageEdit.parse({ moments, music: { id: 'm' }, audio: 'mute' }), sources())
        .timeline,
    );
    expect(mute.clips.every((c) => !c.audio.keep)).toBe(true);
    expect(mute.audio.music?.ducking.enabled).toBe(false);
  });

  it('crops to the preset around the focus point, and styles the cards from the brand kit', () => {
    const edit = MontageEdit.parse({
      moments,
      preset: 'youtube',
      focus: { x: 0.2, y: 0.7 },
      intro: { text: 'Evening of clutches' },
      outro: { text: 'Follow for more', durationS: 1 },
    });
    const parsed = parseTimeline(montageTimeline(edit, sources({ musicPath: null })).timeline);
    expect(parsed.output.preset).toBe('youtube');
    const videos = parsed.clips.filter((c) => c.type === 'video');
    expect(videos.every((c) => c.fit === 'cover' && c.focus.x === 0.2 && c.focus.y === 0.7)).toBe(
      true,
    );
    expect(parsed.clips.at(-1)).toMatchObject({ type: 'image', duration: 1 });
    expect(parsed.overlays).toEqual([
      expect.objectContaining({
        text: 'Evening of clutches',
        start: 0,
        end: 2,
        color: '#111111',
        fontFamily: 'Noto Sans',
      }),
      expect.objectContaining({
        text: 'Follow for more',
        start: expect.closeTo(2 + 6.8, 6) as number,
        end: expect.closeTo(3 + 6.8, 6) as number,
      }),
    ]);
  });
});
