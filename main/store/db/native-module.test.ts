import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

describe('better-sqlite3 native module', () => {
  it('loads and runs SQLite with WAL, FTS-free SQL and backup support', () => {
    const db = new Sqlite(':memory:');
    const row = db.prepare('select sqlite_version() as version').get() as { version: string };
    expect(row.version).toMatch(/^3\.\d+\.\d+$/);
    expect(typeof db.backup).toBe('function');
    db.close();
  });
});
