/**
 * Contract overhead: the same operation (`settings.get`) called in-process through the router
 * and over the browser shell's WebSocket, side by side in one run.
 *
 * Output: {inprocess_p50_us, inprocess_p99_us, websocket_p50_ms, websocket_p99_ms, websocket_calls_per_s}
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { WireMessage } from '../shared/contract/bridge';
import { createServices } from '../main/services';
import { startBrowserShell } from '../main/shell/browser-shell';
import { createMemoryLogger } from '../main/util/logger';
import { printResult, round, summarize } from './lib/stats';

const CALLS = 5000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bench-'));
const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bench-r-'));
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
const services = createServices({ dataDir, shell: 'test', log: createMemoryLogger() });

const inProcess: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const start = process.hrtime.bigint();
  await services.router.handle('settings.get', {}, { transport: 'in-process' });
  inProcess.push(Number(process.hrtime.bigint() - start) / 1000);
}

const shell = await startBrowserShell({ services, rendererDir });
const ws = new WebSocket(`ws://127.0.0.1:${String(shell.port)}/rpc?token=${shell.token}`);
await new Promise((resolve) => ws.once('open', resolve));
const pending = new Map<number, () => void>();
ws.on('message', (data: Buffer) => {
  const message = JSON.parse(data.toString()) as WireMessage;
  if (message.t === 'res') pending.get(message.id)?.();
});
const overSocket: number[] = [];
const wallStart = process.hrtime.bigint();
for (let id = 1; id <= CALLS; id++) {
  const start = process.hrtime.bigint();
  await new Promise<void>((resolve) => {
    pending.set(id, resolve);
    ws.send(JSON.stringify({ t: 'req', id, op: 'settings.get', input: {} }));
  });
  pending.delete(id);
  overSocket.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
ws.close();
await shell.close();
await services.close();
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(rendererDir, { recursive: true, force: true });

const local = summarize(inProcess);
const remote = summarize(overSocket);
printResult({
  calls: CALLS,
  inprocess_p50_us: round(local.p50, 1),
  inprocess_p99_us: round(local.p99, 1),
  websocket_p50_ms: round(remote.p50),
  websocket_p99_ms: round(remote.p99),
  websocket_calls_per_s: Math.round(CALLS / wallSeconds),
});
