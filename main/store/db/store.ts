/**
 * The synchronous query runner every repository uses.
 *
 * kysely builds and type-checks the SQL; better-sqlite3 runs it synchronously with cached
 * prepared statements. Synchronous on purpose: a better-sqlite3 transaction can then never
 * interleave with another request's statements (an async transaction spanning `await`s on one
 * connection would swallow them), and a library call costs microseconds, not event-loop turns.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './database';

const STATEMENT_CACHE_SIZE = 500;

export class Store {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

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
