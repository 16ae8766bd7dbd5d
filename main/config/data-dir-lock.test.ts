import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { DataDirLock, LOCK_FILE_NAME, type LockInfo } from './data-dir-lock';

const tempDir = useTempDirs();

function expectLocked(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('LOCKED');
    return error as AppError;
  }
  throw new Error('expected LOCKED');
}

function writeLock(dir: string, info: Partial<LockInfo>) {
  const now = new Date().toISOString();
  fs.writeFileSync(
    path.join(dir, LOCK_FILE_NAME),
    JSON.stringify({
      pid: 1,
      hostname: 'x',
      kind: 'studio',
      token: 't',
      startedAt: now,
      heartbeatAt: now,
      ...info,
    }),
  );
}

describe('DataDirLock', () => {
  it('refuses a second opener and names the owner', () => {
    const dir = tempDir();
    const first = DataDirLock.acquire(dir, { kind: 'studio' });
    try {
      const error = expectLocked(() => DataDirLock.acquire(dir, { kind: 'command line' }));
      expect(error.message).toContain(`Reelsmith studio (pid ${process.pid}`);
      expect(error.message).toContain('--data-dir');
    } finally {
      first.release();
    }
    // Released: the next opener gets it.
    DataDirLock.acquire(dir, { kind: 'command line' }).release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = tempDir();
    writeLock(dir, { pid: 999_999, hostname: os.hostname() });
    const lock = DataDirLock.acquire(dir, { kind: 'studio', isProcessAlive: () => false });
    expect(lock.stillOwned()).toBe(true);
    lock.release();
  });

  it('takes over a lock whose heartbeat stopped long ago, even if the pid exists', () => {
    const dir = tempDir();
    writeLock(dir, {
      pid: process.pid,
      heartbeatAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    });
    const lock = DataDirLock.acquire(dir, { kind: 'studio', staleMs: 60_000 });
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over an unreadable (half-written) lock file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), '{"pid": 12');
    DataDirLock.acquire(dir, { kind: 'studio' }).release();
  });

  it('keeps the heartbeat fresh and notices a takeover', async () => {
    const dir = tempDir();
    const lock = DataDirLock.acquire(dir, { kind: 'studio', heartbeatMs: 20 });
    const before = JSON.parse(fs.readFileSync(lock.file, 'utf8')) as LockInfo;
    await new Promise((resolve) => setTimeout(resolve, 120));
    const after = JSON.parse(fs.readFileSync(lock.file, 'utf8')) as LockInfo;
    expect(Date.parse(after.heartbeatAt)).toBeGreaterThan(Date.parse(before.heartbeatAt));
    writeLock(dir, { token: 'someone-else' });
    expect(lock.stillOwned()).toBe(false);
    lock.release(); // must not delete the other owner's lock
    expect(fs.existsSync(lock.file)).toBe(true);
  });

  it('works across processes: refused while a child holds it, taken over after the child is killed', async () => {
    const dir = tempDir();
    const script = `
      import { DataDirLock } from ${JSON.stringify(path.resolve('main/config/data-dir-lock.ts'))};
      DataDirLock.acquire(process.argv[1], { kind: 'studio' });
      process.stdout.write('locked\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('locked')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`child exited ${String(code)}`)));
      });
      const error = expectLocked(() => DataDirLock.acquire(dir, { kind: 'command line' }));
      expect(error.message).toContain(`pid ${String(child.pid)}`);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const lock = DataDirLock.acquire(dir, { kind: 'command line' });
    expect(lock.owner.kind).toBe('command line');
    lock.release();
  });
});
