/**
 * The CLI's side of the control endpoint: finds the live owner of a data folder through its lock
 * and `control.json`, checks the endpoint answers, and calls allowed operations on it.
 */
import os from 'node:os';
import type { OperationInput, OperationName, OperationOutput } from '../../shared/contract';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/errors';
import { isProcessAlive, readLockInfo } from '../config/data-dir-lock';
import { readControlFile } from './control-file';

export interface ControlClient {
  readonly url: string;
  /** The owner's pid (from the lock). */
  readonly pid: number;
  call<N extends OperationName>(op: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
}

interface WireResult {
  ok: boolean;
  value?: unknown;
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

function toAppError(error: WireResult['error'], status: number): AppError {
  const code: ErrorCode = ERROR_CODES.includes(error?.code as ErrorCode)
    ? (error?.code as ErrorCode)
    : 'INTERNAL';
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `The studio's control endpoint answered HTTP ${status}.`;
  return new AppError(
    code,
    message,
    error?.details === undefined ? {} : { details: error.details },
  );
}

async function request(
  url: string,
  token: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
): Promise<WireResult> {
  const response = await fetch(url, {
    ...init,
    headers: { ...init.headers, authorization: `Bearer ${token}` },
  });
  const body = (await response.json().catch(() => null)) as WireResult | null;
  if (!body || typeof body.ok !== 'boolean') {
    throw new AppError(
      'UPSTREAM',
      `The studio's control endpoint answered HTTP ${response.status}.`,
    );
  }
  if (!body.ok) throw toAppError(body.error, response.status);
  return body;
}

/**
 * The endpoint of the live process holding `dataDir`, or null: no lock, a dead or foreign-host
 * owner, no control.json, a control.json of another pid (stale), or an endpoint that does not
 * answer. The caller then goes its ordinary way (taking the lock, or reporting who holds it).
 */
export async function connectControl(dataDir: string): Promise<ControlClient | null> {
  const lock = readLockInfo(dataDir);
  if (!lock || lock.hostname !== os.hostname() || !isProcessAlive(lock.pid)) return null;
  const control = readControlFile(dataDir);
  if (!control || control.pid !== lock.pid) return null;
  const base = `http://127.0.0.1:${control.port}`;
  try {
    const health = await request(`${base}/health`, control.token, {
      signal: AbortSignal.timeout(5_000),
    });
    if ((health.value as { pid?: unknown } | undefined)?.pid !== lock.pid) return null;
  } catch {
    return null;
  }
  return {
    url: base,
    pid: lock.pid,
    async call(op, input) {
      const body = await request(`${base}/rpc`, control.token, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ op, input }),
      }).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError(
          'UPSTREAM',
          `Lost the studio (pid ${lock.pid}) that holds the data folder: ${(error as Error).message}`,
        );
      });
      return body.value as OperationOutput<typeof op>;
    },
  };
}
