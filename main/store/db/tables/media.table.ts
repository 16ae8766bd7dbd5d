/**
 * `media`: one row per distinct file content (sha256) in the content-addressed store.
 */
import type { Insertable, Selectable } from 'kysely';

export interface MediaTable {
  id: string;
  sha256: string;
  kind: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  /** JSON `{ container, video, audio }` codec names from ffprobe. */
  codec_json: string;
  original_name: string;
  /** `imported` by the user or `generated` by a provider. */
  source: string;
  /** JSON `{ provider, model, prompt, seed }` for generated media; `{}` for imports. */
  provenance_json: string;
  created_at: number;
}

export type MediaRow = Selectable<MediaTable>;
export type NewMediaRow = Insertable<MediaTable>;
