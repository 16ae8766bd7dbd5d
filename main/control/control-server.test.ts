/**
 * The control endpoint alone: token, Host check, allow-list, malformed bodies, control.json.
 */
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract';
import { AppError, toErrorPayload } from '../../shared/errors';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import type { Router } from '../rpc/router';
import { controlFileOf, readControlFile } from './control-file';
import { startControlServer, type ControlServer } from './control-server';

const tempDir = useTempDirs();

/** Answers every call with what it was given, and records it. */
function echoRouter(calls: { op: unknown; input: unknown }[]): Pick<Router, 'handle'> {
  return {
    handle(op, input): Promise<Result<unknown>> {
      calls.push({ op, input });
      return Promise.resolve({ ok: true, value: { echoed: input } });
    },
  };
}

interface Answer {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

function send(
  port: number,
  options: { token?: string; host?: string; method?: string; path?: string; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.host !== undefined) headers.host = options.host;
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/rpc',
        headers,
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

let server: ControlServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('control endpoint', () => {
  it('runs allowed operations through the router with the bearer token', async () => {
    const calls: { op: unknown; input: unknown }[] = [];
    server = await startControlServer({ router: echoRouter(calls), dataDir: null });
    const answer = await send(server.port, {
      token: server.token,
      body: JSON.stringify({ op: 'sync.get', input: { id: '7' } }),
    });
    expect(answer).toEqual({ status: 200, body: { ok: true, value: { echoed: { id: '7' } } } });
    expect(calls).toEqual([{ op: 'sync.get', input: { id: '7' } }]);

    const health = await send(server.port, { token: server.token, method: 'GET', path: '/health' });
    expect(health.body).toEqual({ ok: true, value: { pid: process.pid } });
  });

  it('refuses a missing or wrong token with 401 and runs nothing', async () => {
    const calls: { op: unknown; input: unknown }[] = [];
    server = await startControlServer({ router: echoRouter(calls), dataDir: null });
    const body = JSON.stringify({ op: 'sync.list', input: {} });
    const missing = await send(server.port, { body });
    const wrong = await send(server.port, { body, token: `${server.token}x` });
    const health = await send(server.port, { method: 'GET', path: '/health' });
    for (const answer of [missing, wrong, health]) {
      expect(answer.status).toBe(401);
      expect(answer.body.error?.code).toBe('UNAUTHORIZED');
      expect(answer.body.error?.message).toMatch(/control token/);
    }
    expect(calls).toEqual([]);
  });

  it('refuses a Host header that is not loopback (DNS rebinding) with 403', async () => {
    const calls: { op: unknown; input: unknown }[] = [];
    server = await startControlServer({ router: echoRouter(calls), dataDir: null });
    const body = JSON.stringify({ op: 'sync.list', input: {} });
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1']) {
      const answer = await send(server.port, { body, token: server.token, host });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.message).toMatch(/127\.0\.0\.1/);
    }
    const local = await send(server.port, {
      body,
      token: server.token,
      host: `localhost:${server.port}`,
    });
    expect(local.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('refuses operations outside the allow-list with 403, naming them', async () => {
    const calls: { op: unknown; input: unknown }[] = [];
    server = await startControlServer({ router: echoRouter(calls), dataDir: null });
    for (const op of ['projects.delete', 'account.logout', 'no.such']) {
      const answer = await send(server.port, {
        token: server.token,
        body: JSON.stringify({ op, input: {} }),
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(answer.body.error?.message).toContain(JSON.stringify(op));
    }
    expect(calls).toEqual([]);
  });

  it('answers malformed bodies with 400 and other paths and methods clearly', async () => {
    const calls: { op: unknown; input: unknown }[] = [];
    server = await startControlServer({ router: echoRouter(calls), dataDir: null });
    const token = server.token;
    const notJson = await send(server.port, { token, body: '{"op": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error?.message).toMatch(/not JSON/);
    for (const body of ['null', '[]', '{"input": {}}', '{"op": 3}']) {
      const answer = await send(server.port, { token, body });
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toMatch(/"op"/);
    }
    const big = await send(server.port, {
      token,
      body: JSON.stringify({ op: 'sync.list', input: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(big.status).toBe(413);
    expect((await send(server.port, { token, method: 'GET' })).status).toBe(405);
    expect((await send(server.port, { token, path: '/other' })).status).toBe(404);
    expect(calls).toEqual([]);
  });

  it('passes errors of the prepare step back as a Result', async () => {
    const calls: { op: unknown; input: unknown }[] = [];
    server = await startControlServer({
      router: echoRouter(calls),
      dataDir: null,
      prepare: () => {
        throw new AppError('NOT_FOUND', 'No render of project p1.');
      },
    });
    const answer = await send(server.port, {
      token: server.token,
      body: JSON.stringify({ op: 'sync.publish', input: { projectId: 'p1' } }),
    });
    expect(answer).toEqual({
      status: 200,
      body: {
        ok: false,
        error: toErrorPayload(new AppError('NOT_FOUND', 'No render of project p1.')),
      },
    });
    expect(calls).toEqual([]);
  });

  it('writes control.json with mode 0600 and removes it on close', async () => {
    const dataDir = tempDir();
    server = await startControlServer({ router: echoRouter([]), dataDir });
    expect(readControlFile(dataDir)).toEqual({
      pid: process.pid,
      port: server.port,
      token: server.token,
    });
    expect(fs.statSync(controlFileOf(dataDir)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dataDir)).toEqual(['control.json']);
    await server.close();
    server = null;
    expect(fs.existsSync(controlFileOf(dataDir))).toBe(false);
  });
});
