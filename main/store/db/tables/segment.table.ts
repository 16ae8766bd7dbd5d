/**
 * `segments`: the ordered scenes of a project, and `segment_media`: which media each one uses.
 */
import type { Insertable, Selectable } from 'kysely';

export interface SegmentTable {
  id: string;
  project_id: string;
  /** 0-based order inside the project; rewritten densely on reorder. */
  position: number;
  text: string;
  image_prompt: string;
  duration_ms: number;
  playback_rate: number;
  volume: number;
  motion: string;
  transition: string;
  /** JSON array of `{ word, startMs, endMs }`, or null before timings exist. */
  word_timings_json: string | null;
  created_at: number;
  updated_at: number;
}

export interface SegmentMediaTable {
  segment_id: string;
  media_id: string;
  /** `visual` (image or video shown) or `audio` (a sound effect or clip audio). */
  role: string;
}

export type SegmentRow = Selectable<SegmentTable>;
export type NewSegmentRow = Insertable<SegmentTable>;
export type SegmentMediaRow = Selectable<SegmentMediaTable>;
