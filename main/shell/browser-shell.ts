/**
 * The browser shell: the same services as the Electron app, with the built renderer served on
 * 127.0.0.1 and the contract carried over a WebSocket (`/rpc`).
 *
 * Every request needs the per-launch token (query `?token=`, `Authorization: Bearer`, or the
 * HttpOnly cookie set when the page is first opened with the token). The WebSocket also checks
 * Origin, and every request checks Host (against DNS rebinding).
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../../shared/contract/bridge';
import { AppError } from '../../shared/errors';
import type { Services } from '../services';
import { mediaHeaders, parseRange, resolveMediaPath } from '../media/media-serving';
import { CLOUD_MEDIA_SOURCES, contentSecurityPolicy, mediaOrigin } from './csp';
import { contentTypeFor, resolveInside } from './static-files';
import { createToken, presentedToken, TOKEN_COOKIE, tokensEqual } from './token';

export interface BrowserShellOptions {
  services: Services;
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 = any free port. */
  port?: number;
  token?: string;
  /** Largest accepted upload (default 4 GiB, the media store's limit). */
  uploadLimitBytes?: number;
}

export interface BrowserShell {
  readonly port: number;
  readonly token: string;
  /** The URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const DEFAULT_UPLOAD_LIMIT = 4 * 1024 ** 3;
const MAX_WS_MESSAGE = 8 * 1024 * 1024;

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

const STATUS_FOR: Partial<Record<AppError['code'], number>> = {
  VALIDATION: 400,
  TOO_LARGE: 413,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
};

function contentDisposition(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const { services } = options;
  const token = options.token ?? createToken();
  const uploadLimit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT;
  const indexFile = path.join(options.rendererDir, 'index.html');
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  function authenticate(request: IncomingMessage, url: URL): { ok: boolean; fromQuery: boolean } {
    const presented = presentedToken(request, url);
    return { ok: tokensEqual(token, presented.token), fromQuery: presented.fromQuery };
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse, url: URL) {
    const name = url.searchParams.get('name');
    if (!name) {
      sendJson(response, 400, {
        error: { code: 'VALIDATION', message: 'name: required query parameter' },
      });
      return;
    }
    const declared = request.headers['content-length'];
    const declaredBytes = declared === undefined ? undefined : Number(declared);
    try {
      const entry = await services.fileRegistry.receiveUpload(
        name,
        request,
        uploadLimit,
        declaredBytes,
      );
      sendJson(response, 201, services.fileRegistry.toHandle(entry));
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('IO', 'Upload failed.');
      response.setHeader('connection', 'close');
      sendJson(response, STATUS_FOR[appError.code] ?? 500, { error: appError.toJSON() });
      request.resume();
    }
  }

  /** `/files/<id>`: a save target's bytes; `?inline=1` (files.open) lets the browser show it in a tab. */
  function handleDownload(response: ServerResponse, id: string, inline: boolean) {
    let entry;
    try {
      entry = services.fileRegistry.get(id);
    } catch {
      sendText(response, 404, 'Not found');
      return;
    }
    if (entry.origin !== 'staging') {
      sendText(response, 404, 'Not found');
      return;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry.path);
    } catch {
      sendText(response, 404, 'Not written yet');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypeFor(entry.name),
      'content-length': stat.size,
      'content-disposition': contentDisposition(entry.name, inline),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    fs.createReadStream(entry.path).pipe(response);
  }

  /** `/media/<sha256>` and `/media/thumbs/<sha256>.jpg`, confined to the media store, with Range. */
  function handleMedia(request: IncomingMessage, response: ServerResponse, subPath: string) {
    const media = resolveMediaPath(services.media.files.root, subPath);
    if (!media) {
      sendText(response, 404, 'Not found');
      return;
    }
    const range = parseRange(request.headers.range, media.size);
    response.writeHead(range.status, mediaHeaders(media, range));
    if (range.status === 416 || request.method === 'HEAD' || media.size === 0) {
      response.end();
      return;
    }
    fs.createReadStream(media.file, { start: range.start, end: range.end }).pipe(response);
  }

  function handleStatic(response: ServerResponse, url: URL, setCookie: boolean) {
    const isAsset = url.pathname !== '/' && path.extname(url.pathname) !== '';
    const file = isAsset ? resolveInside(options.rendererDir, url.pathname) : indexFile;
    if (!file || !fs.existsSync(file)) {
      sendText(
        response,
        404,
        isAsset ? 'Not found' : 'The renderer is not built: run npm run build.',
      );
      return;
    }
    const headers: http.OutgoingHttpHeaders = {
      'content-type': contentTypeFor(file),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': url.pathname.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-store',
    };
    if (file === indexFile) {
      // Feed videos and posters load from the sync API's storage (another origin).
      const cloud = mediaOrigin(services.settings.get().cloudUrl);
      headers['content-security-policy'] = contentSecurityPolicy({
        media: [...CLOUD_MEDIA_SOURCES, ...(cloud ? [cloud] : [])],
      });
      headers['x-frame-options'] = 'DENY';
    }
    if (setCookie) {
      headers['set-cookie'] =
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    response.writeHead(200, headers);
    fs.createReadStream(file).pipe(response);
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!allowedHosts().has(request.headers.host ?? '')) {
      sendText(response, 421, 'Misdirected request');
      return;
    }
    const auth = authenticate(request, url);
    if (!auth.ok) {
      sendText(
        response,
        401,
        'Unauthorized: open Reelsmith with the URL it printed, including ?token=',
      );
      return;
    }
    const origin = request.headers.origin;
    if (
      request.method !== 'GET' &&
      request.method !== 'HEAD' &&
      origin &&
      !allowedOrigins().has(origin)
    ) {
      sendText(response, 403, 'Forbidden origin');
      return;
    }
    if (url.pathname === '/files' && request.method === 'POST') {
      void handleUpload(request, response, url);
      return;
    }
    const download = /^\/files\/([A-Za-z0-9-]{1,64})$/.exec(url.pathname);
    if (download?.[1] && request.method === 'GET') {
      handleDownload(response, download[1], url.searchParams.get('inline') === '1');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'Method not allowed');
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      // The raw (still encoded) path: decoding happens once, in resolveMediaPath.
      const raw = (request.url ?? '').split('?')[0] ?? '';
      handleMedia(request, response, raw.slice('/media/'.length));
      return;
    }
    handleStatic(response, url, auth.fromQuery);
  });

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE });

  function refuseUpgrade(socket: Duplex, status: number, text: string) {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/rpc') return refuseUpgrade(socket, 404, 'Not Found');
    if (!allowedHosts().has(request.headers.host ?? ''))
      return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!authenticate(request, url).ok) return refuseUpgrade(socket, 401, 'Unauthorized');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin))
      return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => {
      serveSocket(ws);
    });
  });

  function serveSocket(ws: WebSocket) {
    sockets.add(ws);
    const aborter = new AbortController();
    const send = (message: WireMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = services.events.onAny((event, payload) =>
      send({ t: 'evt', event, payload }),
    );
    ws.on('close', () => {
      sockets.delete(ws);
      unsubscribe();
      aborter.abort();
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let message: unknown;
      try {
        const text = Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.isBuffer(data)
            ? data.toString('utf8')
            : Buffer.from(new Uint8Array(data)).toString('utf8');
        message = JSON.parse(text);
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      const request = message as Partial<Extract<WireMessage, { t: 'req' }>>;
      if (request.t !== 'req' || typeof request.id !== 'number' || typeof request.op !== 'string') {
        return ws.close(1008, 'expected {t:"req", id, op, input}');
      }
      const id = request.id;
      void services.router
        .handle(request.op, request.input, { transport: 'websocket', signal: aborter.signal })
        .then((result) => send({ t: 'res', id, result }));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  port = address.port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
