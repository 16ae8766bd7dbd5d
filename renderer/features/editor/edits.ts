/**
 * Every edit the editor makes, as an undoable command (contract calls forward and back) plus
 * the change it makes to the project on screen. Pure: tested beside this file.
 */
import type {
  ProjectDetail,
  ProjectPatch,
  Segment,
  SegmentPatch,
} from '../../../shared/contract/projects.contract';
import type { Command } from './history';

export interface Edit {
  command: Command;
  change: (project: ProjectDetail) => ProjectDetail;
}

const FIELD_LABEL: Record<keyof SegmentPatch, string> = {
  text: 'narration',
  imagePrompt: 'image prompt',
  durationMs: 'duration',
  playbackRate: 'speed',
  volume: 'volume',
  motion: 'motion',
  transition: 'transition',
  wordTimings: 'captions',
  media: 'media',
};

function withPositions(segments: Segment[]): Segment[] {
  return segments.map((s, position) => (s.position === position ? s : { ...s, position }));
}

/** Moves the segment at `from` to index `to`. */
export function reorderEdit(project: ProjectDetail, from: number, to: number): Edit | null {
  const count = project.segments.length;
  if (from === to || from < 0 || to < 0 || from >= count || to >= count) return null;
  const before = project.segments.map((s) => s.id);
  const after = [...before];
  const [moved] = after.splice(from, 1);
  if (moved === undefined) return null;
  after.splice(to, 0, moved);
  return {
    command: {
      label: 'reorder',
      forward: [{ op: 'segments.reorder', input: { projectId: project.id, order: after } }],
      backward: [{ op: 'segments.reorder', input: { projectId: project.id, order: before } }],
    },
    change: (p) => {
      const byId = new Map(p.segments.map((s) => [s.id, s]));
      const segments = after.flatMap((id) => {
        const s = byId.get(id);
        return s ? [s] : [];
      });
      return segments.length === p.segments.length
        ? { ...p, segments: withPositions(segments) }
        : p;
    },
  };
}

/** Changes some fields of one segment; typing into the same field merges into one step. */
export function segmentEdit(
  project: ProjectDetail,
  segmentId: string,
  patch: SegmentPatch,
): Edit | null {
  const segment = project.segments.find((s) => s.id === segmentId);
  if (!segment) return null;
  const keys = Object.keys(patch) as (keyof SegmentPatch)[];
  const old: SegmentPatch = {};
  for (const k of keys) Object.assign(old, { [k]: segment[k] });
  const first = keys[0];
  return {
    command: {
      label: first ? `edit ${FIELD_LABEL[first]}` : 'edit',
      forward: [{ op: 'segments.update', input: { id: segmentId, patch } }],
      backward: [{ op: 'segments.update', input: { id: segmentId, patch: old } }],
      mergeKey: `${segmentId}.${keys.join(',')}`,
    },
    change: (p) => ({
      ...p,
      segments: p.segments.map((s) => (s.id === segmentId ? { ...s, ...patch } : s)),
    }),
  };
}

/** Deletes a segment; undo re-creates it with every field at its place. */
export function deleteSegmentEdit(project: ProjectDetail, segmentId: string): Edit | null {
  const segment = project.segments.find((s) => s.id === segmentId);
  if (!segment) return null;
  const { id, projectId, position, createdAt: _c, updatedAt: _u, ...fields } = segment;
  return {
    command: {
      label: 'delete segment',
      forward: [{ op: 'segments.delete', input: { id } }],
      backward: [
        {
          op: 'segments.create',
          input: { projectId, position, ...fields },
          restoresId: id,
        },
      ],
    },
    change: (p) => ({
      ...p,
      segments: withPositions(p.segments.filter((s) => s.id !== segmentId)),
      segmentCount: Math.max(0, p.segmentCount - 1),
    }),
  };
}

/** Changes one caption word's text; its timing stays. */
export function wordTextEdit(
  project: ProjectDetail,
  segmentId: string,
  index: number,
  text: string,
): Edit | null {
  const segment = project.segments.find((s) => s.id === segmentId);
  const words = segment?.wordTimings;
  const word = words?.[index];
  if (!words || !word || text.trim() === '' || text === word.word) return null;
  const next = words.map((w, i) => (i === index ? { ...w, word: text.trim() } : w));
  const edit = segmentEdit(project, segmentId, { wordTimings: next });
  return (
    edit && {
      ...edit,
      command: { ...edit.command, label: 'edit caption word', mergeKey: undefined },
    }
  );
}

/**
 * Moves one word earlier or later by `deltaMs`, kept between its neighbours so timings never
 * overlap or run backwards.
 */
export function wordNudgeEdit(
  project: ProjectDetail,
  segmentId: string,
  index: number,
  deltaMs: number,
): Edit | null {
  const segment = project.segments.find((s) => s.id === segmentId);
  const words = segment?.wordTimings;
  const word = words?.[index];
  if (!segment || !words || !word) return null;
  const min = words[index - 1]?.endMs ?? 0;
  const max = words[index + 1]?.startMs ?? segment.durationMs;
  const length = word.endMs - word.startMs;
  const startMs = Math.max(min, Math.min(max - length, word.startMs + deltaMs));
  if (startMs === word.startMs) return null;
  const next = words.map((w, i) => (i === index ? { ...w, startMs, endMs: startMs + length } : w));
  const edit = segmentEdit(project, segmentId, { wordTimings: next });
  return edit && { ...edit, command: { ...edit.command, label: 'nudge caption word' } };
}

/** Changes project fields (title, brand kit, settings); settings are replaced as a whole. */
export function projectEdit(project: ProjectDetail, patch: ProjectPatch, label: string): Edit {
  const old: ProjectPatch = {};
  for (const k of Object.keys(patch) as (keyof ProjectPatch)[]) {
    Object.assign(old, { [k]: project[k] });
  }
  return {
    command: {
      label,
      forward: [{ op: 'projects.update', input: { id: project.id, patch } }],
      backward: [{ op: 'projects.update', input: { id: project.id, patch: old } }],
      mergeKey: `project.${Object.keys(patch).join(',')}`,
    },
    change: (p) => ({ ...p, ...patch }),
  };
}

/** Merges keys into the project's settings (one undo step). */
export function settingsEdit(
  project: ProjectDetail,
  values: Record<string, unknown>,
  label: string,
): Edit {
  return projectEdit(project, { settings: { ...project.settings, ...values } }, label);
}
