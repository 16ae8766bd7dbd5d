/**
 * The synchronous query runner every repository uses.
 *
 * kysely builds and type-checks the SQL; better-sqlite3 runs it synchronously with cached
 * prepared statements. Synchronous on purpose: a better-sqlite3 transaction can then never
 * interleave with another request's statements (an async transaction spanning `await`s on one
 * connection would swallow them), and a library call costs microseconds, not event-loop turns.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './database';

const STATEMENT_CACHE_SIZE = 500;

/**
 * A named parameter (`@name`) for `Store.prepared`: the query is compiled once with it in place
 * of a value and bound by name at each run.
 */
export function param<T>(name: string): RawBuilder<T> {
  if (!/^\w+$/.test(name)) throw new Error(`param: bad name ${name}`);
  return sql.raw<T>(`@${name}`);
}

/** A statement built and compiled once, run with named values. */
export interface PreparedQuery<R> {
  all(values: Record<string, unknown>): R[];
  first(values: Record<string, unknown>): R | undefined;
  /** How many rows it changed. */
  run(values: Record<string, unknown>): number;
}

export class Store {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private readonly preparedQueries = new Map<string, PreparedQuery<unknown>>();

  constructor(
    /** The raw connection (pragmas, backup, benchmarks). */
    readonly sqlite: SqliteDatabase.Database,
    /** The query builder; use it to build queries, run them with `all`/`first`/`run`. */
    readonly db: Kysely<Database>,
  ) {}

  /** Every row of a query. */
  all<R>(query: Compilable<R>): R[] {
    const compiled = query.compile();
    const statement = this.statement(compiled.sql);
    return statement.all(...(compiled.parameters as unknown[])) as R[];
  }

  /** The first row, or undefined. */
  first<R>(query: Compilable<R>): R | undefined {
    const compiled = query.compile();
    return this.statement(compiled.sql).get(...(compiled.parameters as unknown[])) as R | undefined;
  }

  /** Runs a statement without rows; returns how many rows it changed. */
  run(query: Compilable): number {
    const compiled = query.compile();
    return this.statement(compiled.sql).run(...(compiled.parameters as unknown[])).changes;
  }

  /**
   * A hot-path query under `key`, built with kysely once (values as `param('name')`, so it is
   * still type-checked) and kept compiled and prepared: later calls skip building and compiling.
   * `key` must name one query shape; the builder runs only the first time.
   */
  prepared<R>(key: string, build: () => Compilable<R>): PreparedQuery<R> {
    const found = this.preparedQueries.get(key);
    if (found) return found as PreparedQuery<R>;
    const compiled = build().compile();
    if (compiled.parameters.length > 0) {
      throw new Error(`Store.prepared(${key}): use param() for every value`);
    }
    const statement = this.sqlite.prepare(compiled.sql);
    const query: PreparedQuery<R> = {
      all: (values) => statement.all(values) as R[],
      first: (values) => statement.get(values) as R | undefined,
      run: (values) => statement.run(values).changes,
    };
    this.preparedQueries.set(key, query);
    return query;
  }

  /**
   * Runs `fn` in one transaction (BEGIN IMMEDIATE, so a writer never fails half-way on a lock
   * upgrade). Nested calls become savepoints. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }

  private statement(sql: string): SqliteDatabase.Statement {
    let statement = this.statements.get(sql);
    if (statement) return statement;
    statement = this.sqlite.prepare(sql);
    if (this.statements.size >= STATEMENT_CACHE_SIZE) {
      const oldest = this.statements.keys().next().value;
      if (oldest !== undefined) this.statements.delete(oldest);
    }
    this.statements.set(sql, statement);
    return statement;
  }
}
