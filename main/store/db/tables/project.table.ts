/**
 * `projects`: one short video being made. Times are Unix milliseconds (cheap to sort and index).
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface ProjectTable {
  id: string;
  title: string;
  idea: string;
  script: string;
  /** draft → generating → ready → rendering → rendered | failed. */
  status: string;
  width: number;
  height: number;
  fps: number;
  platform: string;
  brand_kit_id: string | null;
  /** JSON object: per-project render and generation settings. */
  settings_json: string;
  /** JSON: where a bundle-imported or duplicated project came from; null for originals. */
  lineage_json: string | null;
  created_at: number;
  updated_at: number;
  /** Soft delete: set when moved to the trash; purged 30 days later. */
  deleted_at: number | null;
  /** Bumped on every change so concurrent edits can be detected. */
  revision: Generated<number>;
}

export type ProjectRow = Selectable<ProjectTable>;
export type NewProjectRow = Insertable<ProjectTable>;
export type ProjectRowUpdate = Updateable<ProjectTable>;
