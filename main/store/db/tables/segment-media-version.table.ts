/**
 * `segment_media_versions`: every medium a segment had per role (regenerate keeps the old ones);
 * the active one is the `segment_media` link.
 */
import type { Selectable } from 'kysely';

export interface SegmentMediaVersionTable {
  segment_id: string;
  role: string;
  /** 1, 2, 3… per segment and role, in the order they were made. */
  version: number;
  media_id: string;
  /** JSON: provider, model, prompt, seed (and durationSec for voices) of this version. */
  provenance_json: string;
  created_at: number;
}

export type SegmentMediaVersionRow = Selectable<SegmentMediaVersionTable>;
