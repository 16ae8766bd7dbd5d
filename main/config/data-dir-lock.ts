/**
 * One data folder, one owner.
 *
 * The owner writes `reelsmith.lock` (pid, host, kind, start time, heartbeat) with an exclusive
 * create and refreshes the heartbeat; another process finding a live owner is refused with a
 * message naming it. A lock whose process is gone (or whose heartbeat stopped long ago) is
 * taken over, using a rename so two newcomers cannot both take it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';

export const LOCK_FILE_NAME = 'reelsmith.lock';

export interface LockInfo {
  pid: number;
  hostname: string;
  kind: string;
  token: string;
  startedAt: string;
  heartbeatAt: string;
  /** Where the owner can be reached, e.g. the browser shell's URL (without its token). */
  url?: string;
}

export interface LockOptions {
  /** What holds the folder, shown to others: "studio", "browser shell", "cli". */
  kind: string;
  heartbeatMs?: number;
  /** A heartbeat older than this means the owner hung or its machine slept: take over. */
  staleMs?: number;
  /** Overridable for tests. */
  isProcessAlive?: (pid: number) => boolean;
}

/** Whether a process with this pid runs on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of a data folder as written by its owner, or null (none, or unreadable). */
export function readLockInfo(dataDir: string): LockInfo | null {
  return readLock(path.join(dataDir, LOCK_FILE_NAME));
}

function readLock(file: string): LockInfo | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string') return null;
    return parsed as LockInfo;
  } catch {
    return null;
  }
}

export function describeOwner(info: LockInfo): string {
  const where = info.url ? ` at ${info.url}` : '';
  return `Reelsmith ${info.kind} (pid ${info.pid} on ${info.hostname}, since ${info.startedAt})${where}`;
}

export class DataDirLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  private constructor(
    readonly file: string,
    private info: LockInfo,
  ) {}

  /** Takes the lock or throws `LOCKED` naming the running instance. */
  static acquire(dataDir: string, options: LockOptions): DataDirLock {
    const file = path.join(dataDir, LOCK_FILE_NAME);
    const isAlive = options.isProcessAlive ?? isProcessAlive;
    const staleMs = options.staleMs ?? 5 * 60_000;
    const now = new Date().toISOString();
    const info: LockInfo = {
      pid: process.pid,
      hostname: os.hostname(),
      kind: options.kind,
      token: randomUUID(),
      startedAt: now,
      heartbeatAt: now,
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
        const lock = new DataDirLock(file, info);
        lock.startHeartbeat(options.heartbeatMs ?? 10_000);
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new AppError(
            'IO',
            `Cannot lock the data folder ${dataDir}: ${(error as Error).message}`,
          );
        }
      }
      const owner = readLock(file);
      if (owner && owner.token === info.token) continue;
      const sameHost = owner?.hostname === os.hostname();
      const heartbeatAge = owner ? Date.now() - Date.parse(owner.heartbeatAt) : Infinity;
      const ownerGone =
        owner === null || // unreadable: a crash mid-write
        (sameHost && !isAlive(owner.pid)) ||
        heartbeatAge > staleMs;
      if (!ownerGone) {
        throw new AppError(
          'LOCKED',
          `The data folder ${dataDir} is in use by ${describeOwner(owner)}. Close it, or use another folder with --data-dir.`,
          { details: { owner: { ...owner, token: undefined } } },
        );
      }
      // Move the stale lock aside; only one contender's rename of this exact file succeeds.
      const aside = `${file}.stale-${info.token}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch {
        // Someone else took it over first; loop and look again.
      }
    }
    throw new AppError(
      'LOCKED',
      `Could not lock the data folder ${dataDir}: other processes keep taking it.`,
    );
  }

  /** The lock as written (without the token). */
  get owner(): Omit<LockInfo, 'token'> {
    const { token: _token, ...rest } = this.info;
    return rest;
  }

  /** Records where this owner can be reached (e.g. the browser shell URL without token). */
  setUrl(url: string): void {
    this.info = { ...this.info, url };
    this.write();
  }

  /** False once another process has taken the lock over (e.g. after a long sleep). */
  stillOwned(): boolean {
    return readLock(this.file)?.token === this.info.token;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    if (this.stillOwned()) fs.rmSync(this.file, { force: true });
  }

  private startHeartbeat(ms: number): void {
    this.timer = setInterval(() => {
      if (!this.stillOwned()) {
        if (this.timer) clearInterval(this.timer);
        return;
      }
      this.info = { ...this.info, heartbeatAt: new Date().toISOString() };
      this.write();
    }, ms);
    this.timer.unref();
  }

  private write(): void {
    const temp = `${this.file}.${this.info.token}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(this.info), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
