import { describe, expect, it } from 'vitest';
import type {
  GeneratedProject,
  GeneratedSegment,
} from '../../../shared/contract/generate.contract';
import { SEGMENT_GAP_SEC } from './job/captions';
import { projectToTimeline, TRANSITION_SEC } from './project-timeline';

function segment(index: number, voiceSec: number): GeneratedSegment {
  const media = (ext: string, durationSec: number | null, version = 1, active = true) => ({
    mediaId: `${ext}${index}`,
    path: `/m/${index}.${ext}`,
    provider: 'offline',
    model: 'm',
    prompt: 'p',
    seed: null,
    durationSec,
    createdAt: '',
    version,
    active,
  });
  return {
    id: `s${index}`,
    index,
    text: 'Hello there.',
    imagePrompt: 'p',
    plannedDurationSec: 3,
    images: [media('old.png', null, 1, false), media('png', null, 2)],
    voices: [media('wav', voiceSec)],
    words: [
      { word: 'Hello', start: 0, end: 0.4 },
      { word: 'there.', start: 0.5, end: 1 },
    ],
  };
}

describe('projectToTimeline', () => {
  it('places the current image, voice and words of each segment in sync', () => {
    const project: GeneratedProject = {
      id: 'p',
      status: 'ready',
      idea: 'i',
      title: 't',
      style: 's',
      language: 'en',
      targetDurationSec: 15,
      segments: [segment(0, 2), segment(1, 3)],
      captions: [
        {
          start: 0,
          end: 1,
          text: 'Hello there.',
          words: [
            { word: 'Hello', start: 0, end: 0.4 },
            { word: 'there.', start: 0.5, end: 1 },
          ],
        },
        {
          start: 2.25,
          end: 3.25,
          text: 'Hello there.',
          words: [
            { word: 'Hello', start: 2.25, end: 2.65 },
            { word: 'there.', start: 2.75, end: 3.25 },
          ],
        },
      ],
      createdAt: '',
      updatedAt: '',
    };
    const timeline = projectToTimeline(project);
    expect(timeline.clips.map((c) => c.media.path)).toEqual(['/m/0.png', '/m/1.png']);
    expect(timeline.clips[0]?.duration).toBeCloseTo(2 + SEGMENT_GAP_SEC + TRANSITION_SEC);
    expect(timeline.clips[1]?.transition.type).toBe('cut');
    expect(timeline.audio.voice).toEqual([
      { media: { path: '/m/0.wav' }, start: 0 },
      { media: { path: '/m/1.wav' }, start: 2.25 },
    ]);
    expect(timeline.captions?.words).toHaveLength(4);
    expect(timeline.captions?.words[2]).toEqual({ text: 'Hello', start: 2.25, end: 2.65 });
  });
});
