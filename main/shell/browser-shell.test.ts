import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { createServices, type Services } from '../services';
import { createMemoryLogger } from '../util/logger';
import { startBrowserShell, type BrowserShell } from './browser-shell';
import type { FileHandle } from '../../shared/contract/files.contract';
import type { WireMessage } from '../../shared/contract/bridge';

const tempDir = useTempDirs();
let services: Services;
let shell: BrowserShell;
let base: string;

beforeAll(async () => {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Reelsmith</title>');
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tempDir(), 'outside.txt'), 'secret');
  services = createServices({
    dataDir: tempDir(),
    shell: 'browser',
    log: createMemoryLogger(),
    downloadUrl: (id) => `/files/${id}`,
  });
  shell = await startBrowserShell({ services, rendererDir, uploadLimitBytes: 1024 });
  base = `http://127.0.0.1:${shell.port}`;
});

afterAll(async () => {
  await shell.close();
  await services.close();
});

const auth = () => ({ authorization: `Bearer ${shell.token}` });

function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`HTTP ${String(res.statusCode)}`)),
    );
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, op: string, input: unknown): Promise<WireMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as WireMessage;
      if (message.t === 'res' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'req', id, op, input }));
  });
}

describe('browser shell: token', () => {
  it('answers 401 without the token and with a wrong one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
  });

  it('serves the page with the token, sets an HttpOnly cookie and a strict CSP', async () => {
    const response = await fetch(shell.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(
      /reelsmith_token=.+; HttpOnly; SameSite=Strict/,
    );
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    // fetch() will not send a custom Host header; node:http will.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(
          {
            port: shell.port,
            host: '127.0.0.1',
            path: '/',
            headers: { ...auth(), host: 'evil.example' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of [
      '/../outside.txt',
      '/%2e%2e/%2e%2e/outside.txt',
      '/assets/..%2f..%2foutside.txt',
      '/%00.js',
    ]) {
      const response = await fetch(`${base}${p}`, { headers: auth() });
      expect([200, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('secret');
    }
  });
});

describe('browser shell: WebSocket transport', () => {
  it('refuses a socket without the token (401) and closes nothing else', async () => {
    await expect(openSocket(`ws://127.0.0.1:${String(shell.port)}/rpc`)).rejects.toThrow(
      'HTTP 401',
    );
  });

  it('refuses a socket from a foreign Origin even with the token', async () => {
    await expect(
      openSocket(`ws://127.0.0.1:${String(shell.port)}/rpc?token=${shell.token}`, {
        origin: 'https://evil.example',
      }),
    ).rejects.toThrow('HTTP 403');
  });

  it('carries the contract: invoke, validation errors and pushed events', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${String(shell.port)}/rpc?token=${shell.token}`, {
      origin: base,
    });
    const events: WireMessage[] = [];
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as WireMessage;
      if (message.t === 'evt') events.push(message);
    });
    const info = await call(ws, 1, 'app.info', {});
    expect(info).toMatchObject({
      t: 'res',
      id: 1,
      result: { ok: true, value: { shell: 'browser' } },
    });
    const bad = await call(ws, 2, 'settings.set', { language: 7 });
    expect(bad).toMatchObject({ result: { ok: false, error: { code: 'VALIDATION' } } });
    await call(ws, 3, 'settings.set', { language: 'de' });
    expect(events).toContainEqual(
      expect.objectContaining({
        t: 'evt',
        event: 'settings.changed',
        payload: expect.objectContaining({ language: 'de' }),
      }),
    );
    const pick = await call(ws, 4, 'files.pickOpen', {});
    expect(pick).toMatchObject({ result: { ok: false, error: { code: 'UNSUPPORTED' } } });
    const local = await call(ws, 5, 'files.fromPath', { path: '/etc/passwd' });
    expect(local).toMatchObject({ result: { ok: false, error: { code: 'FORBIDDEN' } } });
    ws.close();
  });

  it('closes the socket on a malformed frame', async () => {
    const ws = await openSocket(`ws://127.0.0.1:${String(shell.port)}/rpc?token=${shell.token}`);
    const code = await new Promise<number>((resolve) => {
      ws.once('close', resolve);
      ws.send('{not json');
    });
    expect(code).toBe(1007);
  });
});

describe('browser shell: files', () => {
  it('needs the token to upload', async () => {
    const response = await fetch(`${base}/files?name=a.txt`, { method: 'POST', body: 'hello' });
    expect(response.status).toBe(401);
  });

  it('stores an upload under a sanitised name and returns a handle', async () => {
    const response = await fetch(`${base}/files?name=${encodeURIComponent('../../etc/CON.txt')}`, {
      method: 'POST',
      headers: auth(),
      body: 'hello',
    });
    expect(response.status).toBe(201);
    const handle = (await response.json()) as FileHandle;
    expect(handle).toMatchObject({ name: '_CON.txt', bytes: 5, mode: 'open' });
    const entry = services.fileRegistry.get(handle.id);
    expect(path.dirname(path.dirname(entry.path))).toBe(services.fileRegistry.stagingDir);
    expect(fs.readFileSync(entry.path, 'utf8')).toBe('hello');
  });

  it('refuses an upload over the size limit and leaves nothing behind', async () => {
    const before = fs.readdirSync(services.fileRegistry.stagingDir).length;
    const declared = await fetch(`${base}/files?name=big.bin`, {
      method: 'POST',
      headers: auth(),
      body: 'x'.repeat(2000),
    });
    expect(declared.status).toBe(413);
    // Streamed without a length: cut off while streaming.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(512));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}/files?name=big.bin`, {
      method: 'POST',
      headers: auth(),
      body: stream,
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    expect(fs.readdirSync(services.fileRegistry.stagingDir).length).toBe(before);
  });

  it('requires a name', async () => {
    const response = await fetch(`${base}/files`, { method: 'POST', headers: auth(), body: 'x' });
    expect(response.status).toBe(400);
  });

  it('serves a save target for download with the token only', async () => {
    const result = await services.router.handle(
      'files.pickSave',
      { suggestedName: 'my video.mp4' },
      { transport: 'in-process' },
    );
    if (!result.ok) throw new Error(result.error.message);
    const { target } = result.value as { target: FileHandle };
    fs.writeFileSync(services.fileRegistry.get(target.id).path, 'video-bytes');
    const reveal = await services.router.handle(
      'files.reveal',
      { id: target.id },
      { transport: 'in-process' },
    );
    expect(reveal).toEqual({ ok: true, value: { action: 'download', url: `/files/${target.id}` } });
    expect((await fetch(`${base}/files/${target.id}`)).status).toBe(401);
    const download = await fetch(`${base}/files/${target.id}`, { headers: auth() });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('filename="my video.mp4"');
    expect(await download.text()).toBe('video-bytes');
    const open = await services.router.handle(
      'files.open',
      { id: target.id },
      { transport: 'in-process' },
    );
    expect(open).toEqual({
      ok: true,
      value: { action: 'url', url: `/files/${target.id}?inline=1` },
    });
    const inline = await fetch(`${base}/files/${target.id}?inline=1`, { headers: auth() });
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; filename="my video.mp4"/);
    expect(inline.headers.get('content-type')).toBe('video/mp4');
    expect(await inline.text()).toBe('video-bytes');
    expect(
      (await fetch(`${base}/files/00000000-0000-0000-0000-000000000000`, { headers: auth() }))
        .status,
    ).toBe(404);
  });
});
