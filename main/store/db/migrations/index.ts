/**
 * Every migration, in order, in a static map: bundlers cannot list a folder at run time.
 *
 * Append only. The id is the file name; the runner records each one's checksum.
 */
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_settings';
import * as m0003 from './0003_media_versions';
import * as m0004 from './0004_brand_kit_lineage';
import * as m0005 from './0005_outbox_uploads';
import * as m0006 from './0006_brand_kit_extensions';
import * as m0007 from './0007_asset_variants';

export interface Migration {
  readonly id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db
  up(db: Kysely<any>): MigrationStep[];
}

export type { MigrationStep } from './step';

export const MIGRATIONS: readonly Migration[] = [
  { id: '0001_initial', up: m0001.up },
  { id: '0002_settings', up: m0002.up },
  { id: '0003_media_versions', up: m0003.up },
  { id: '0004_brand_kit_lineage', up: m0004.up },
  { id: '0005_outbox_uploads', up: m0005.up },
  { id: '0006_brand_kit_extensions', up: m0006.up },
  { id: '0007_asset_variants', up: m0007.up },
];
