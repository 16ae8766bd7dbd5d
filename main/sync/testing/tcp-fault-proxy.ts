/**
 * Test helper: a TCP proxy on 127.0.0.1 between the client and the sync API that breaks
 * connections the way flaky Wi-Fi does. A fault is armed with `arm()`; it hits the first
 * connection opened after arming that carries a part upload (its bytes contain
 * `PUT <partPath>`), once that connection has carried `afterBytes` bytes towards the server
 * (so a test arming the next fault when an attempt failed breaks each attempt once):
 *
 * - `reset`: both sides get a TCP RST;
 * - `cut`: exactly `afterBytes` bytes reach the server, then both sides are closed (FIN);
 * - `stall`: nothing moves any more in either direction; the sockets stay open until a side
 *   gives up (the client's stall timeout).
 */
import net from 'node:net';

export interface TcpFault {
  kind: 'reset' | 'cut' | 'stall';
  afterBytes: number;
}

export interface AppliedFault extends TcpFault {
  at: number;
  connection: number;
}

export interface TcpFaultProxy {
  url: string;
  port: number;
  /** The armed fault, until it is applied. */
  armed: TcpFault | null;
  arm(fault: TcpFault): void;
  applied: AppliedFault[];
  connections: number;
  close(): Promise<void>;
}

export async function startTcpFaultProxy(
  target: { host: string; port: number },
  options: { port?: number; partPath?: string } = {},
): Promise<TcpFaultProxy> {
  const marker = `PUT ${options.partPath ?? '/v1/storage/parts/'}`;
  const sockets = new Set<net.Socket>();
  let armedAfter = 0;
  const state: TcpFaultProxy = {
    url: '',
    port: 0,
    armed: null,
    applied: [],
    connections: 0,
    arm(fault) {
      state.armed = fault;
      armedAfter = state.connections;
    },
    close: () => Promise.resolve(),
  };
  const server = net.createServer((client) => {
    state.connections += 1;
    const connection = state.connections;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    let carriesParts = false;
    let sent = 0;
    let stalled = false;
    const destroyBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    upstream.on('data', (chunk: Buffer) => {
      if (!stalled) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      if (stalled) return;
      if (!carriesParts && chunk.includes(marker)) carriesParts = true;
      const fault =
        carriesParts && connection > armedAfter ? (state.armed ?? undefined) : undefined;
      if (!fault || sent + chunk.length < fault.afterBytes) {
        sent += chunk.length;
        upstream.write(chunk);
        return;
      }
      state.armed = null;
      state.applied.push({ ...fault, at: Date.now(), connection });
      const head = chunk.subarray(0, Math.max(0, fault.afterBytes - sent));
      sent += head.length;
      switch (fault.kind) {
        case 'reset':
          client.resetAndDestroy();
          upstream.resetAndDestroy();
          return;
        case 'cut':
          upstream.end(head);
          client.end();
          setTimeout(destroyBoth, 50).unref();
          return;
        case 'stall':
          upstream.write(head);
          stalled = true;
          client.pause();
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  state.port = address.port;
  state.url = `http://127.0.0.1:${address.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
