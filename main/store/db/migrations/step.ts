/**
 * What a migration returns: the statements to run, in order, built with kysely.
 *
 * Migrations build statements instead of executing them so that the runner can compile them
 * synchronously, record the checksum of exactly the SQL that runs, and apply them inside one
 * better-sqlite3 transaction at start-up (keeping `createServices` synchronous). Data changes
 * are written as SQL too (`insert ... select`, `update ...`), which keeps them frozen in time.
 */
import type { Compilable, RawBuilder } from 'kysely';

export type MigrationStep = Compilable | RawBuilder<unknown>;
