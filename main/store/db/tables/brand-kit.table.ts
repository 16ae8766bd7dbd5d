/**
 * `brand_kits`, `brand_kit_logos` and `brand_kit_fonts`: a creator's colours, fonts and logos.
 */
import type { Selectable } from 'kysely';

export interface BrandKitTable {
  id: string;
  name: string;
  /** JSON array of `{ name, hex, usage? }` (extended colours). */
  colors_json: string;
  /** JSON `{ heading, body }` font families. */
  fonts_json: string;
  default_logo_type: string | null;
  /** JSON `BrandKitLineage` when the kit came from a bundle (migration 0004). */
  lineage_json: string | null;
  primary_color: string | null;
  secondary_color: string | null;
  accent_color: string | null;
  tone_notes: string;
  created_at: number;
  updated_at: number;
}

export interface BrandKitLogoTable {
  brand_kit_id: string;
  /** primary, icon, wordmark (or the older square, horizontal, watermark). One logo per type. */
  type: string;
  media_id: string;
}

/** Imported TTF/OTF media a kit uses (migration 0007). */
export interface BrandKitFontTable {
  brand_kit_id: string;
  media_id: string;
  /** The family name read from the font's name table. */
  family: string;
}

export type BrandKitRow = Selectable<BrandKitTable>;
export type BrandKitLogoRow = Selectable<BrandKitLogoTable>;
