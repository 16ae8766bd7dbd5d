/**
 * Starts the built CLI's sync API (`reelsmith api`) as a child process on a fixed loopback port,
 * so a test can stop it and start it again at the same address; reads its mail outbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../../bin/reelsmith.js');

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

/** A free loopback port (bound then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function startApi(
  serverDataDir: string,
  port: number,
  /** More environment (OPENAI_BASE_URL for cloud generation, ...). */
  extraEnv: Record<string, string> = {},
): Promise<ApiProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'api', '--port', String(port), '--host', '127.0.0.1'],
    {
      env: {
        ...process.env,
        SERVER_DATA_DIR: serverDataDir,
        PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`api did not start in time. stderr:\n${stderr}`));
    }, 240_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Reelsmith API at (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1] ?? '',
        child,
        stop: () => {
          if (child.exitCode !== null) return Promise.resolve(child.exitCode);
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`api exited with ${String(code)} before it was ready. stderr:\n${stderr}`));
    });
  });
}

/** Decodes the quoted-printable soft breaks and `=3D` of an .eml body. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The newest token of `kind` sent to `email`, read from the API's outbox (`.eml` files), waiting
 * up to `timeoutMs` for it to appear.
 */
export async function tokenFromOutbox(
  serverDataDir: string,
  email: string,
  kind: 'verify-email' | 'reset-password',
  timeoutMs = 15_000,
): Promise<string> {
  const dir = path.join(serverDataDir, 'outbox');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const file of files) {
      const text = decodeQuotedPrintable(fs.readFileSync(path.join(dir, file), 'utf8'));
      if (!text.toLowerCase().includes(email.toLowerCase())) continue;
      const match = new RegExp(`/${kind}\\?token=([A-Za-z0-9_-]+)`).exec(text);
      if (match?.[1]) return match[1];
    }
    if (Date.now() > deadline) throw new Error(`no ${kind} mail for ${email} in ${dir}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
