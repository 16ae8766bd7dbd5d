/**
 * Test helper: an HTTP proxy on loopback in front of the sync API that can answer chosen
 * requests itself (500, 403, 429 + Retry-After...) and counts and timestamps every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  at: number;
}

/**
 * Answer a request yourself (status, headers, JSON body), or `null` to forward it. With
 * `lostAnswer`, the request still reaches the server (and does its work) but the client gets
 * the injected answer instead of the server's: a response lost on the way back.
 */
export type FaultRule = (request: SeenRequest) => {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  lostAnswer?: boolean;
} | null;

export interface HttpFaultProxy {
  url: string;
  port: number;
  seen: SeenRequest[];
  /** Requests the server answered with 2xx (the answer fully passed through). */
  completed: SeenRequest[];
  rule: FaultRule;
  close(): Promise<void>;
}

export async function startHttpFaultProxy(target: string, port = 0): Promise<HttpFaultProxy> {
  const targetUrl = new URL(target);
  const state: HttpFaultProxy = {
    url: '',
    port: 0,
    seen: [],
    completed: [],
    rule: () => null,
    close: () => Promise.resolve(),
  };
  const server = http.createServer((req, res) => {
    const seen = { method: req.method ?? 'GET', path: req.url ?? '/', at: Date.now() };
    state.seen.push(seen);
    const fault = state.rule(seen);
    const answer = (): void => {
      if (!fault) return;
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(
        JSON.stringify(
          fault.body ?? {
            statusCode: fault.status,
            error: 'Injected',
            message: `injected ${fault.status}`,
          },
        ),
      );
    };
    if (fault && !fault.lostAnswer) {
      req.resume();
      answer();
      return;
    }
    const upstream = http.request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: targetUrl.host },
      },
      (up) => {
        if (fault) {
          // The server did the work; its answer is dropped on the way back.
          up.resume();
          up.on('end', answer);
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        const status = up.statusCode ?? 502;
        up.on('end', () => {
          if (status >= 200 && status < 300) state.completed.push(seen);
        });
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  state.port = address.port;
  state.url = `http://127.0.0.1:${address.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
