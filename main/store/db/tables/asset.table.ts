/**
 * `assets`: channel assets (emotes, thumbnails, banners, panels) made in a brand kit.
 */
import type { Selectable } from 'kysely';

export interface AssetTable {
  id: string;
  type: string;
  brand_kit_id: string | null;
  media_id: string;
  project_id: string | null;
  settings_json: string;
  created_at: number;
}

export type AssetRow = Selectable<AssetTable>;
