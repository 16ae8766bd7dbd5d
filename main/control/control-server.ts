/**
 * The local control endpoint of the process owning a data folder: `POST /rpc {op, input}` on
 * 127.0.0.1, answered through the same `Router.handle()` as every other transport, for an
 * explicit allow-list of operations. It lets `reelsmith login`, `queue` and `publish` work while
 * a studio (Electron or the browser shell) holds the data folder.
 *
 * Guarded like the browser shell: a random per-launch bearer token (401 without it), a loopback
 * Host header (403 otherwise, against DNS rebinding), the allow-list (403), and a body limit.
 * `GET /health` (token required) lets a client check the endpoint before it relies on it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOperationName, type OperationName } from '../../shared/contract';
import { toErrorPayload, type ErrorCode } from '../../shared/errors';
import type { Router } from '../rpc/router';
import { createToken, tokensEqual } from '../shell/token';
import { removeControlFile, writeControlFile } from './control-file';

/** The operations the CLI needs while another process owns the folder. */
export const CONTROL_OPERATIONS = [
  'account.login',
  'sync.list',
  'sync.get',
  'sync.publish',
] as const satisfies readonly OperationName[];

const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface ControlServerOptions {
  router: Pick<Router, 'handle'>;
  /** Where control.json is written; null writes none (tests of the server alone). */
  dataDir: string | null;
  allow?: readonly OperationName[];
  /** Fills in defaults the CLI cannot know (e.g. a publish title from the owner's library). */
  prepare?: (op: OperationName, input: unknown) => unknown;
  /** Fixed token for tests; default: random per launch. */
  token?: string;
}

export interface ControlServer {
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

function fail(response: http.ServerResponse, status: number, code: ErrorCode, message: string) {
  reply(response, status, { ok: false, error: { code, message } });
}

function hostIsLoopback(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!match?.[1]) return false;
  return LOOPBACK_HOSTS.has(match[1]) && (match[2] === undefined || Number(match[2]) === port);
}

async function readBody(request: http.IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the endpoint on 127.0.0.1 (a free port) and writes control.json. */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const token = options.token ?? createToken();
  const allow = new Set<string>(options.allow ?? CONTROL_OPERATIONS);
  let port = 0;

  const server = http.createServer((request, response) => {
    void (async () => {
      if (!hostIsLoopback(request.headers.host, port)) {
        fail(response, 403, 'FORBIDDEN', 'The control endpoint answers only on 127.0.0.1.');
        return;
      }
      const auth = request.headers.authorization;
      const given = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
      if (!tokensEqual(token, given)) {
        fail(response, 401, 'UNAUTHORIZED', 'Missing or wrong control token (see control.json).');
        return;
      }
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/health' && request.method === 'GET') {
        reply(response, 200, { ok: true, value: { pid: process.pid } });
        return;
      }
      if (url.pathname !== '/rpc') {
        fail(response, 404, 'NOT_FOUND', `No such control path: ${url.pathname}`);
        return;
      }
      if (request.method !== 'POST') {
        fail(response, 405, 'VALIDATION', 'Use POST /rpc with a JSON body {op, input}.');
        return;
      }
      const text = await readBody(request);
      if (text === null) {
        fail(response, 413, 'TOO_LARGE', `The request body is over ${MAX_BODY_BYTES} bytes.`);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        fail(response, 400, 'VALIDATION', 'The request body is not JSON.');
        return;
      }
      const op = (body as { op?: unknown } | null)?.op;
      if (typeof body !== 'object' || body === null || typeof op !== 'string') {
        fail(
          response,
          400,
          'VALIDATION',
          'The request body must be {"op": "<operation>", "input": {...}}.',
        );
        return;
      }
      if (!isOperationName(op) || !allow.has(op)) {
        fail(
          response,
          403,
          'FORBIDDEN',
          `Operation ${JSON.stringify(op)} is not available to the command line.`,
        );
        return;
      }
      const raw = (body as { input?: unknown }).input ?? {};
      let input: unknown;
      try {
        input = options.prepare ? options.prepare(op, raw) : raw;
      } catch (error) {
        reply(response, 200, { ok: false, error: toErrorPayload(error) });
        return;
      }
      const result = await options.router.handle(op, input, { transport: 'in-process' });
      reply(response, 200, result);
    })().catch(() => {
      if (!response.headersSent) fail(response, 500, 'INTERNAL', 'The control endpoint failed.');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  if (options.dataDir) writeControlFile(options.dataDir, { pid: process.pid, port, token });

  let closed: Promise<void> | null = null;
  return {
    port,
    token,
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (options.dataDir) removeControlFile(options.dataDir, token);
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
