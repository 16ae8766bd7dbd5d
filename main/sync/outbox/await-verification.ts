/**
 * The server checks an upload's sha256 and size after it reports completion, so a finished
 * request (video created) does not yet mean the bytes arrived intact. Before an item is marked
 * done, its uploads are rechecked with `GET /v1/uploads/:id` (bounded, with backoff) until the
 * server says verified; a failed verification ends the item permanently with a clear message.
 */
import { uploadsApi } from '../../../shared/api/uploads.api';
import { AppError } from '../../../shared/errors';
import type { OutboxUploadRow } from '../../store/db/tables/outbox.table';
import type { CloudClient } from '../cloud/cloud-client';

export interface VerificationPolicy {
  /** First wait between checks. */
  firstDelayMs: number;
  /** Longest wait between checks. */
  maxDelayMs: number;
  /** Give up waiting (retryable: the next attempt checks again) after this long. */
  timeoutMs: number;
}

/** A 500 MB object is hashed by the server in a few seconds; large files get more time. */
export const DEFAULT_VERIFICATION: VerificationPolicy = {
  firstDelayMs: 100,
  maxDelayMs: 5_000,
  timeoutMs: 10 * 60_000,
};

export type VerificationOutcome =
  { ok: true } | { ok: false; failed: OutboxUploadRow[]; message: string };

/** Waits until every upload is verified, or one failed verification. */
export async function awaitVerification(
  client: CloudClient,
  uploads: OutboxUploadRow[],
  policy: VerificationPolicy,
  signal: AbortSignal,
): Promise<VerificationOutcome> {
  const deadline = Date.now() + policy.timeoutMs;
  let delay = policy.firstDelayMs;
  let pending = uploads.filter((u) => u.remote_upload_id);
  for (;;) {
    const still: OutboxUploadRow[] = [];
    const failed: OutboxUploadRow[] = [];
    for (const upload of pending) {
      const status = await client.call(uploadsApi.get, {
        id: upload.remote_upload_id ?? '',
        signal,
      });
      if (status.status === 'verified') continue;
      if (status.status === 'verifying') still.push(upload);
      else failed.push(upload);
    }
    if (failed.length > 0) {
      const names = failed.map((u) => u.path).join(', ');
      return {
        ok: false,
        failed,
        message:
          `The server could not verify ${names}: the stored bytes do not match the sha256 ` +
          `computed while uploading (corrupted in transit or storage). Nothing was published; ` +
          `retry to upload it again.`,
      };
    }
    if (still.length === 0) return { ok: true };
    if (Date.now() + delay > deadline) {
      throw new AppError(
        'UPSTREAM',
        `The server is still verifying ${still.map((u) => u.path).join(', ')}; checking again later.`,
        { retryable: true },
      );
    }
    await sleep(delay, signal);
    delay = Math.min(policy.maxDelayMs, delay * 2);
    pending = still;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
