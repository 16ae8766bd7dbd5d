/**
 * Row ↔ contract conversions for projects and segments (JSON columns parsed once, here).
 */
import type {
  Layer,
  Project,
  ProjectLineage,
  Segment,
} from '../../../shared/contract/projects.contract';
import type { LayerRow } from '../db/tables/layer.table';
import type { ProjectRow } from '../db/tables/project.table';
import type { SegmentRow } from '../db/tables/segment.table';

/** Parses a JSON column written by us; a damaged value falls back instead of failing the page. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toProject(row: ProjectRow & { segment_count: number | null }): Project {
  return {
    id: row.id,
    title: row.title,
    idea: row.idea,
    script: row.script,
    status: row.status as Project['status'],
    format: { width: row.width, height: row.height, fps: row.fps },
    platform: row.platform as Project['platform'],
    brandKitId: row.brand_kit_id,
    settings: parseJson<Record<string, unknown>>(row.settings_json, {}),
    lineage: parseJson<ProjectLineage | null>(row.lineage_json, null),
    segmentCount: row.segment_count ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    revision: row.revision,
  };
}

export function toSegment(row: SegmentRow, media: Segment['media']): Segment {
  return {
    id: row.id,
    projectId: row.project_id,
    position: row.position,
    text: row.text,
    imagePrompt: row.image_prompt,
    durationMs: row.duration_ms,
    playbackRate: row.playback_rate,
    volume: row.volume,
    motion: row.motion as Segment['motion'],
    transition: row.transition as Segment['transition'],
    wordTimings: parseJson<Segment['wordTimings']>(row.word_timings_json, null),
    media,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toLayer(row: LayerRow): Layer {
  return {
    id: row.id,
    kind: row.kind as Layer['kind'],
    mediaId: row.media_id,
    settings: parseJson<Record<string, unknown>>(row.settings_json, {}),
    position: row.position,
  };
}
