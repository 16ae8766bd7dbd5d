/**
 * `reelsmith queue`, `login` and `publish` (the real CLI code, in-process) while a child process
 * owns the data folder with the embedded sync API and the control endpoint: the child answers.
 * After the child is killed, its stale control.json is ignored and the CLI takes the folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../tests/helpers/run-cli';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { readLockInfo } from '../config/data-dir-lock';
import { controlFileOf, readControlFile, writeControlFile } from './control-file';

const tempDir = useTempDirs();

/** Spawns a TypeScript child and resolves with its first JSON stdout line. */
async function spawnChild(args: string[]): Promise<{ child: ChildProcess; first: unknown }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const first = await new Promise<unknown>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined && text.includes('\n')) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`child exited ${String(code)}: ${errors}`)));
  });
  return { child, first };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('the CLI while a studio owns the data folder', () => {
  it('lists the queue, signs in and publishes through the owner, then ignores its stale control.json', async () => {
    const dataDir = tempDir();
    const video = path.join(tempDir(), 'render.mp4');
    execFileSync('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=180x320:rate=15:duration=1',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      video,
    ]);
    const email = 'owner@example.com';
    const password = 'a long enough password';
    const { child, first } = await spawnChild([
      path.resolve('main/control/testing/owner-child.ts'),
      dataDir,
      email,
      password,
      video,
    ]);
    const env = { REELSMITH_DATA_DIR: dataDir };
    let shareUrl = '';
    try {
      const ready = first as { projectId: string; serverUrl: string; port: number };
      expect(readLockInfo(dataDir)?.pid).toBe(child.pid);
      expect(readControlFile(dataDir)).toMatchObject({ pid: child.pid, port: ready.port });

      const queue = await runCliCaptured(['queue', '--json'], env);
      expect(queue.err).toBe('');
      expect(queue.code).toBe(0);
      // The child's embedded sync API: only the owner runs it, so the answer came from the child.
      expect(JSON.parse(queue.out)).toMatchObject({ items: [], serverUrl: ready.serverUrl });

      const wrongPassword = await runCliCaptured(
        ['login', '--email', email, '--password-stdin'],
        env,
        'not the password\n',
      );
      expect(wrongPassword.code).toBe(1);
      expect(wrongPassword.err).toMatch(/^reelsmith: /);

      const login = await runCliCaptured(
        ['login', '--email', email, '--password-stdin', '--json'],
        env,
        `${password}\n`,
      );
      expect(login.err).toBe('');
      expect(JSON.parse(login.out)).toMatchObject({
        serverUrl: ready.serverUrl,
        user: { username: 'studio_owner' },
      });

      const published = await runCliCaptured(['publish', ready.projectId, '--json'], env);
      expect(published.err).toBe('');
      expect(published.code).toBe(0);
      const result = JSON.parse(published.out) as { videoId: string; shareUrl: string };
      expect(result.shareUrl).toMatch(new RegExp(`/v/${result.videoId}$`));
      shareUrl = result.shareUrl;

      const text = await runCliCaptured(['queue'], env);
      expect(text.out).toMatch(/done\s+100%\s+Owned by the studio/);
      expect(text.out).toContain(shareUrl);

      // Commands that cannot go through the studio still say who holds the folder.
      const library = await runCliCaptured(['projects', '--json'], env);
      expect(library.code).toBe(1);
      expect(library.err).toContain(`pid ${String(child.pid)}`);
    } finally {
      await kill(child);
    }

    // Killed: control.json stays behind, naming a dead pid; the CLI takes the folder itself.
    expect(readControlFile(dataDir)?.pid).toBe(child.pid);
    const after = await runCliCaptured(['queue', '--json'], env);
    expect(after.err).toBe('');
    expect(after.code).toBe(0);
    const status = JSON.parse(after.out) as { items: { state: string; result: unknown }[] };
    expect(status.items).toMatchObject([{ state: 'done', result: { shareUrl } }]);
  }, 240_000);

  it('keeps the "data folder in use" error when the owner has no answering endpoint', async () => {
    const dataDir = tempDir();
    const script = `
      import { DataDirLock } from ${JSON.stringify(path.resolve('main/config/data-dir-lock.ts'))};
      DataDirLock.acquire(process.argv[1], { kind: 'studio' });
      process.stdout.write('{"locked":true}\\n');
      setInterval(() => {}, 60_000);
    `;
    const { child } = await spawnChild(['--input-type=module', '-e', script, dataDir]);
    try {
      const pid = child.pid ?? 0;
      // No control.json, then one naming the owner but a port on which nobody listens.
      const attempts: (() => void)[] = [
        () => undefined,
        () => writeControlFile(dataDir, { pid, port: 9, token: 'nobody-listens' }),
      ];
      for (const prepare of attempts) {
        prepare();
        const queue = await runCliCaptured(['queue', '--json'], { REELSMITH_DATA_DIR: dataDir });
        expect(queue.code).toBe(1);
        expect(JSON.parse(queue.out)).toMatchObject({ error: { code: 'LOCKED' } });
        expect(queue.err).toMatch(new RegExp(`in use by Reelsmith studio \\(pid ${String(pid)}`));
      }
      expect(fs.existsSync(controlFileOf(dataDir))).toBe(true);
    } finally {
      await kill(child);
    }
  }, 120_000);
});
