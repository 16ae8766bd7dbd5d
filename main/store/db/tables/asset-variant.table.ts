/**
 * `asset_variants`: generated variants of a brief, kept across restarts (migration 0007).
 */
import type { Selectable } from 'kysely';

export interface AssetVariantTable {
  id: string;
  /** The `assets.generate` job that made it. */
  job_id: string;
  asset_type: string;
  /** Position within its job, from 0. */
  variant_index: number;
  brand_kit_id: string | null;
  /** The master picture, a generated image medium. */
  media_id: string;
  /** JSON `AssetBrief` it was generated from. */
  brief_json: string;
  width: number;
  height: number;
  created_at: number;
}

export type AssetVariantRow = Selectable<AssetVariantTable>;
