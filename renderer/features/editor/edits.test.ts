import { describe, expect, it } from 'vitest';
import type { ProjectDetail, Segment } from '../../../shared/contract/projects.contract';
import { deleteSegmentEdit, reorderEdit, wordNudgeEdit, wordTextEdit } from './edits';

const segment = (id: string, position: number): Segment => ({
  id,
  projectId: 'p',
  position,
  text: `text ${id}`,
  imagePrompt: '',
  durationMs: 2000,
  playbackRate: 1,
  volume: 1,
  motion: 'none',
  transition: 'fade',
  wordTimings: [
    { word: 'hello', startMs: 0, endMs: 400 },
    { word: 'world', startMs: 500, endMs: 900 },
  ],
  media: [],
  createdAt: 1,
  updatedAt: 1,
});

const project: ProjectDetail = {
  id: 'p',
  title: 'T',
  idea: '',
  script: '',
  status: 'ready',
  format: { width: 1080, height: 1920, fps: 30 },
  platform: 'tiktok',
  brandKitId: null,
  settings: {},
  lineage: null,
  segmentCount: 3,
  createdAt: 1,
  updatedAt: 1,
  deletedAt: null,
  revision: 1,
  segments: [segment('a', 0), segment('b', 1), segment('c', 2)],
  layers: [],
};

describe('editor edits', () => {
  it('reorders with the inverse order as undo', () => {
    const edit = reorderEdit(project, 0, 2);
    expect(edit?.command.forward[0]?.input).toEqual({ projectId: 'p', order: ['b', 'c', 'a'] });
    expect(edit?.command.backward[0]?.input).toEqual({ projectId: 'p', order: ['a', 'b', 'c'] });
    const after = edit?.change(project);
    expect(after?.segments.map((s) => [s.id, s.position])).toEqual([
      ['b', 0],
      ['c', 1],
      ['a', 2],
    ]);
    expect(reorderEdit(project, 1, 1)).toBeNull();
    expect(reorderEdit(project, 0, 3)).toBeNull();
  });

  it('deletes a segment and undoes by re-creating it at its place', () => {
    const edit = deleteSegmentEdit(project, 'b');
    const back = edit?.command.backward[0];
    expect(back?.op).toBe('segments.create');
    if (back?.op !== 'segments.create') return;
    expect(back.restoresId).toBe('b');
    expect(back.input).toMatchObject({ projectId: 'p', position: 1, text: 'text b' });
    expect(edit?.change(project).segments.map((s) => s.id)).toEqual(['a', 'c']);
  });

  it('edits a caption word without touching its timing', () => {
    const edit = wordTextEdit(project, 'a', 1, 'there');
    const forward = edit?.command.forward[0];
    expect(forward?.input).toEqual({
      id: 'a',
      patch: {
        wordTimings: [
          { word: 'hello', startMs: 0, endMs: 400 },
          { word: 'there', startMs: 500, endMs: 900 },
        ],
      },
    });
    expect(wordTextEdit(project, 'a', 1, '   ')).toBeNull();
    expect(wordTextEdit(project, 'a', 9, 'x')).toBeNull();
  });

  it('nudges a word but never past its neighbours or the segment end', () => {
    const later = wordNudgeEdit(project, 'a', 0, 50);
    expect(later?.command.forward[0]?.input).toMatchObject({
      patch: { wordTimings: [{ word: 'hello', startMs: 50, endMs: 450 }, { word: 'world' }] },
    });
    const tooFar = wordNudgeEdit(project, 'a', 0, 5000);
    expect(tooFar?.command.forward[0]?.input).toMatchObject({
      patch: { wordTimings: [{ startMs: 100, endMs: 500 }, {}] },
    });
    expect(wordNudgeEdit(project, 'a', 0, -50)).toBeNull();
    const last = wordNudgeEdit(project, 'a', 1, 10_000);
    expect(last?.command.forward[0]?.input).toMatchObject({
      patch: { wordTimings: [{}, { startMs: 1600, endMs: 2000 }] },
    });
  });
});
