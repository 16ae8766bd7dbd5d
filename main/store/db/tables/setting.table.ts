/**
 * `settings`: one row per user setting, the value as JSON (moved here from settings.json).
 */
import type { Selectable } from 'kysely';

export interface SettingTable {
  key: string;
  value_json: string;
  updated_at: number;
}

export type SettingRow = Selectable<SettingTable>;
