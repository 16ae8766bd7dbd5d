/**
 * Every migration, in order, in a static map: bundlers cannot list a folder at run time.
 *
 * Append only. The id is the file name; the runner records each one's checksum.
 */
import type { Kysely } from 'kysely';
import type { MigrationStep } from './step';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_settings';
import * as m0005 from './0005_outbox_uploads';

export interface Migration {
  readonly id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migrations see an untyped db
  up(db: Kysely<any>): MigrationStep[];
}

export type { MigrationStep } from './step';

export const MIGRATIONS: readonly Migration[] = [
  { id: '0001_initial', up: m0001.up },
  { id: '0002_settings', up: m0002.up },
  { id: '0005_outbox_uploads', up: m0005.up },
];
