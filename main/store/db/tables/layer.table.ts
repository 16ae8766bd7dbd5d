/**
 * `layers`: project-wide tracks over the segments (captions, voice, music) and their settings.
 */
import type { Selectable } from 'kysely';

export interface LayerTable {
  id: string;
  project_id: string;
  kind: string;
  /** The audio file of a voice or music layer; null for captions. */
  media_id: string | null;
  /** JSON: caption style, ducking, volume, fades... */
  settings_json: string;
  position: number;
  created_at: number;
  updated_at: number;
}

export type LayerRow = Selectable<LayerTable>;
