/**
 * Every migration, in order, as a static import map (bundlers cannot list a folder at run time).
 */
import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';

export interface Migration {
  /** The SQL the migration runs; its checksum is recorded. */
  readonly statements: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen in time
  up(db: Kysely<any>): Promise<void>;
}

export const migrations: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001,
};
