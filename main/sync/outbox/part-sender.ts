/**
 * Sends one part: reads its byte range from the file, PUTs it to the part URL (presigned S3 or
 * the embedded store's signed URL) in chunks through the shared bandwidth limiter, and answers
 * the ETag. A stalled socket times out; the caller decides whether to retry.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../../../shared/errors';
import { httpError } from '../cloud/cloud-errors';
import type { BandwidthLimiter } from './bandwidth';

const CHUNK = 256 * 1024;

export interface PartRequest {
  path: string;
  offset: number;
  length: number;
  url: string;
  signal: AbortSignal;
  limiter: BandwidthLimiter;
  /** Called as bytes leave (for progress). */
  onBytes: (bytes: number) => void;
  /** No byte moving for this long fails the part (default 30 s). */
  stallMs: number;
}

export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    if (read !== length) {
      throw new AppError('CONFLICT', `${path} is shorter than when it was queued.`);
    }
    return buffer;
  } finally {
    await handle.close();
  }
}

/** PUTs `body` to a part URL; answers the ETag. */
export function putPart(request: PartRequest, body: Buffer): Promise<string> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const isSettled = (): boolean => settled;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(
        error instanceof AppError
          ? error
          : new AppError('UPSTREAM', `Part upload interrupted: ${(error as Error).message}.`, {
              retryable: true,
              details: { status: 0 },
              cause: error,
            }),
      );
    };
    const req = transport.request(
      url,
      {
        method: 'PUT',
        headers: {
          'content-length': String(body.length),
          'content-type': 'application/octet-stream',
        },
        signal: request.signal,
        timeout: request.stallMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          if (status < 200 || status >= 300) {
            let message = `The part upload answered ${status}.`;
            try {
              const parsed = JSON.parse(text) as { message?: unknown };
              if (typeof parsed.message === 'string') message = parsed.message;
            } catch {
              const match = /<Message>([^<]*)<\/Message>/.exec(text);
              if (match?.[1]) message = match[1];
            }
            settled = true;
            const retryAfter = res.headers['retry-after'];
            reject(
              httpError(status, message, typeof retryAfter === 'string' ? retryAfter : undefined),
            );
            return;
          }
          const etag = res.headers.etag;
          if (!etag) {
            settled = true;
            reject(
              new AppError('UPSTREAM', 'The part upload answered no ETag.', {
                retryable: true,
                details: { status },
              }),
            );
            return;
          }
          settled = true;
          resolve(etag);
        });
      },
    );
    req.on('timeout', () => fail(new Error(`no progress for ${request.stallMs} ms`)));
    req.on('error', (error) => {
      if (request.signal.aborted) {
        if (!settled) {
          settled = true;
          reject(new AppError('CANCELLED', 'Stopped.', { cause: error }));
        }
        return;
      }
      fail(error);
    });
    void (async () => {
      try {
        for (let at = 0; at < body.length; at += CHUNK) {
          const chunk = body.subarray(at, Math.min(body.length, at + CHUNK));
          await request.limiter.take(chunk.length, request.signal);
          if (isSettled()) return;
          if (!req.write(chunk)) {
            await new Promise<void>((resolve) => {
              const done = (): void => {
                req.off('drain', done);
                req.off('close', done);
                resolve();
              };
              req.once('drain', done);
              req.once('close', done);
            });
          }
          request.onBytes(chunk.length);
        }
        req.end();
      } catch (error) {
        fail(error);
      }
    })();
  });
}
