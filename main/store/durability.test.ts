import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { LIBRARY_FILE_NAME } from './db/open-library';

const tempDir = useTempDirs();
const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'write-child.ts');

/** Runs the writer and SIGKILLs it after `killAfterAcks` acks plus a random few milliseconds. */
function runAndKill(dir: string, killAfterAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: string[] = [];
    let buffered = '';
    let killing = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        const ready = line === 'ready' && killAfterAcks === 0;
        if (!killing && (ready || acked.length >= killAfterAcks) && killAfterAcks >= 0) {
          killing = true;
          setTimeout(() => proc.kill('SIGKILL'), Math.floor(Math.random() * 5));
        }
      }
    });
    proc.on('error', reject);
    proc.on('exit', () => resolve(acked));
  });
}

describe('durability', () => {
  it('SIGKILL at random points during 50 write transactions loses no acknowledged commit', async () => {
    const dir = tempDir();
    const acknowledged: string[] = [];
    const perRun: number[] = [];
    for (const killAfter of [
      0,
      1 + Math.floor(Math.random() * 10),
      10 + Math.floor(Math.random() * 30),
      49,
    ]) {
      const acked = await runAndKill(dir, killAfter);
      perRun.push(acked.length);
      acknowledged.push(...acked);
      const db = new SqliteDatabase(path.join(dir, LIBRARY_FILE_NAME));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const present = new Set(
          (db.prepare('select id from projects').all() as { id: string }[]).map((r) => r.id),
        );
        for (const id of acknowledged) expect(present.has(id), id).toBe(true);
        // Each committed project has all its segments: transactions are all-or-nothing.
        const partial = db
          .prepare('select project_id from segments group by project_id having count(*) != 20')
          .all();
        expect(partial).toEqual([]);
      } finally {
        db.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    // The kills really interrupted the writer (it would ack 50 times otherwise).
    expect(perRun.filter((n) => n < 50).length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
