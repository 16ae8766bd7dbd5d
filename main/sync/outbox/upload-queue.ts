/**
 * The upload queue: persisted items (outbox) uploaded as resumable multipart uploads, then
 * finished by one idempotent request (publish a video, create an asset link, set the avatar).
 *
 * Crash-safe: every acknowledged part is written at once with the server's upload id, and a
 * restart reconciles with `GET /v1/uploads/:id` and sends only the missing parts. Failures are
 * retried with capped full-jitter backoff (Retry-After honoured); 4xx other than 408/429 are
 * permanent; an unreachable server pauses the queue until a health probe answers again.
 */
import { randomUUID } from 'node:crypto';
import { healthApi } from '../../../shared/api/health.api';
import { uploadsApi } from '../../../shared/api/uploads.api';
import type {
  QueueItem,
  QueueItemKind,
  QueueStatus,
  SyncProgress,
} from '../../../shared/contract/sync.contract';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../../rpc/router';
import type { Store } from '../../store/db/store';
import type { OutboxRow } from '../../store/db/tables/outbox.table';
import type { CloudClient } from '../cloud/cloud-client';
import { cloudDetails } from '../cloud/cloud-errors';
import { BandwidthLimiter } from './bandwidth';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import * as repo from './outbox.repository';
import { ProgressMeter } from './progress-meter';
import { finishItem } from './finish-item';
import { statOrFail } from './source-file';
import { classifyFailure } from './classify-failure';
import { failureTransition, isInFlight, userTransition, type UserAction } from './item-transitions';
import { forgetHashers, markDone, rejectUnverified } from './settle-item';
import { uploadFile } from './upload-file';
import {
  awaitVerification,
  DEFAULT_VERIFICATION,
  type VerificationPolicy,
} from './await-verification';
import type { OrderedHasher } from './ordered-hasher';

export interface QueueEvents {
  item(item: QueueItem): void;
  progress(progress: SyncProgress): void;
  connectivity(reachable: boolean): void;
}

export interface UploadQueueOptions {
  store: Store;
  client: CloudClient;
  events: QueueEvents;
  log: Logger;
  /** Read on every part, so a settings change applies at once. */
  limits: () => { parallelParts: number; bytesPerSecond: number };
  backoff?: BackoffPolicy;
  /** How often an unreachable server is probed (default: backoff from 1 s to 30 s). */
  probe?: BackoffPolicy;
  /** A part with no byte moving this long fails (default 30 s). */
  stallMs?: number;
  random?: () => number;
  /** How long and how often the server's sha256 verification is awaited before "done". */
  verification?: VerificationPolicy;
  /** Told when a video publish finished (project marked published in the same transaction). */
  onDone?: (item: QueueItem) => void;
}

export interface UploadSpec {
  role: string;
  path: string;
  uploadKind: 'video' | 'thumbnail' | 'asset' | 'avatar';
  contentType: string;
}

export interface EnqueueSpec {
  kind: QueueItemKind;
  title: string;
  projectId: string | null;
  /** What the final request needs (video fields, asset type...). */
  payload: Record<string, unknown>;
  uploads: UploadSpec[];
}

/** Why a running item was stopped by the user. */
class Stop extends Error {
  constructor(readonly to: 'paused' | 'cancelled') {
    super(to);
  }
}

const PROGRESS_INTERVAL_MS = 250;

export class UploadQueue {
  private readonly running = new Map<number, AbortController>();
  private readonly limiter: BandwidthLimiter;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private closed = false;
  private pausedAll = false;
  private reachable = true;
  private probeAttempt = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly hashers = new Map<string, OrderedHasher>();

  constructor(private readonly options: UploadQueueOptions) {
    this.limiter = new BandwidthLimiter(() => options.limits().bytesPerSecond);
  }

  private get store(): Store {
    return this.options.store;
  }

  /** Starts scheduling (items left mid-upload by a killed process resume from their parts). */
  start(): void {
    this.started = true;
    this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.running.values()) controller.abort(new Stop('paused'));
    await this.idle();
    // Items stopped by shutdown go back to the queue, not to "paused by the user".
    for (const row of repo.listItems(this.store)) {
      if (isInFlight(row.status))
        repo.setState(this.store, row.id, { status: 'queued' }, Date.now());
    }
  }

  /** Resolves when no item is running. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when the item is done, or rejects with its failure (permanent or cancelled). */
  async waitFor(id: string, timeoutMs = 0): Promise<QueueItem> {
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    for (;;) {
      const item = this.get(id);
      if (item.state === 'done') return item;
      if (item.state === 'cancelled') throw new AppError('CANCELLED', `${item.title}: cancelled.`);
      if (item.state === 'failed' && item.failure?.permanent) {
        throw new AppError('UPSTREAM', item.failure.message, { details: item.failure });
      }
      if (Date.now() > deadline)
        throw new AppError('UPSTREAM', `${item.title}: still ${item.state}.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Queues files; sizes and modification times are taken now and checked before each part. */
  async enqueue(spec: EnqueueSpec): Promise<QueueItem> {
    const uploads: repo.NewUpload[] = [];
    for (const upload of spec.uploads) {
      const stat = await statOrFail(upload.path);
      if (stat.size === 0) throw new AppError('VALIDATION', `${upload.path} is empty.`);
      uploads.push({
        role: upload.role,
        path: upload.path,
        uploadKind: upload.uploadKind,
        contentType: upload.contentType,
        bytes: stat.size,
        mtimeMs: Math.floor(stat.mtimeMs),
      });
    }
    const id = repo.insertItem(
      this.store,
      {
        kind: spec.kind,
        title: spec.title,
        projectId: spec.projectId,
        payload: spec.payload,
        idempotencyKey: `rs-${randomUUID()}`,
        uploads,
      },
      Date.now(),
    );
    const item = this.emit(id);
    this.schedule(0);
    return item;
  }

  list(): QueueStatus {
    return {
      items: repo.listItems(this.store).map((row) => repo.toQueueItem(this.store, row)),
      paused: this.pausedAll,
      reachable: this.reachable,
      serverUrl: safeBaseUrl(this.options.client),
    };
  }

  get(id: string): QueueItem {
    return repo.toQueueItem(this.store, this.row(id));
  }

  pause(id: string): QueueItem {
    const row = this.row(id);
    if (!this.apply(row, 'pause')) return this.get(id);
    this.running.get(row.id)?.abort(new Stop('paused'));
    return this.emit(row.id);
  }

  resume(id: string): QueueItem {
    const row = this.row(id);
    if (!this.apply(row, 'resume')) return this.get(id);
    this.schedule(0);
    return this.emit(row.id);
  }

  retry(id: string): QueueItem {
    const row = this.row(id);
    if (!this.apply(row, 'retry')) return this.get(id);
    this.schedule(0);
    return this.emit(row.id);
  }

  cancel(id: string): QueueItem {
    const row = this.row(id);
    if (!this.apply(row, 'cancel')) return this.get(id);
    forgetHashers(this.hashers, row.id);
    this.running.get(row.id)?.abort(new Stop('cancelled'));
    void this.abortRemote(row.id);
    return this.emit(row.id);
  }

  pauseAll(): QueueStatus {
    this.pausedAll = true;
    for (const row of repo.listItems(this.store)) {
      if (!['done', 'cancelled', 'failed'].includes(row.status)) this.pause(String(row.id));
    }
    return this.list();
  }

  resumeAll(): QueueStatus {
    this.pausedAll = false;
    for (const row of repo.listItems(this.store)) {
      if (row.status === 'paused') this.resume(String(row.id));
    }
    this.schedule(0);
    return this.list();
  }

  cancelAll(): QueueStatus {
    for (const row of repo.listItems(this.store)) {
      if (row.status !== 'done' && row.status !== 'cancelled') this.cancel(String(row.id));
    }
    return this.list();
  }

  retryAll(): QueueStatus {
    for (const row of repo.listItems(this.store)) {
      if (row.status === 'failed') this.retry(String(row.id));
    }
    return this.list();
  }

  /**
   * Asks the server now, whatever the probe's backoff says.
   *
   * Any HTTP answer (even a 503) means it is there; the client reports the outcome through
   * `noteReachability` when it is wired (CloudSync), and this sets it too.
   */
  async checkServer(): Promise<QueueStatus> {
    try {
      await this.options.client.call(healthApi.health, {});
      this.noteReachability(true);
    } catch (error) {
      this.noteReachability(cloudDetails(error).status !== 0);
    }
    return this.list();
  }

  clearFinished(): QueueStatus {
    repo.deleteFinished(this.store);
    return this.list();
  }

  /** Makes the change a user action makes in the item's state; false when it makes none. */
  private apply(row: OutboxRow, action: UserAction): boolean {
    const now = Date.now();
    const patch = userTransition(row.status, action, now);
    if (patch) repo.setState(this.store, row.id, patch, now);
    return patch !== null;
  }

  private row(id: string): OutboxRow {
    const row = /^\d{1,15}$/.test(id) ? repo.getItem(this.store, Number(id)) : undefined;
    if (!row) throw new AppError('NOT_FOUND', `No queue item ${id}.`);
    return row;
  }

  private emit(id: number): QueueItem {
    const row = repo.getItem(this.store, id);
    if (!row) throw new AppError('NOT_FOUND', `No queue item ${id}.`);
    const item = repo.toQueueItem(this.store, row);
    this.options.events.item(item);
    return item;
  }

  // ---- scheduling -------------------------------------------------------------------------

  private schedule(delayMs: number): void {
    if (!this.started || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.tick();
      },
      Math.max(0, delayMs),
    );
  }

  private tick(): void {
    if (this.closed || this.pausedAll) return;
    if (!this.reachable) {
      void this.probe();
      return;
    }
    const now = Date.now();
    for (const row of repo.dueItems(this.store, now)) {
      if (this.running.has(row.id)) continue;
      // One item uploads at a time (its parts in parallel); the others wait their turn.
      if (this.running.size >= 1) break;
      this.run(row);
    }
    const next = repo.nextDue(this.store);
    if (next !== null && this.running.size === 0) this.schedule(Math.max(10, next - Date.now()));
  }

  private async probe(): Promise<void> {
    const policy = this.options.probe ?? { baseMs: 1_000, capMs: 30_000 };
    try {
      await this.options.client.call(healthApi.health, {});
      this.setReachable(true);
    } catch (error) {
      // Any HTTP answer (even 503) means the server is there.
      if (cloudDetails(error).status !== 0) this.setReachable(true);
    }
    if (this.reachable) {
      this.probeAttempt = 0;
      this.schedule(0);
      return;
    }
    this.probeAttempt += 1;
    this.schedule(backoffDelay(policy, this.probeAttempt, undefined, this.options.random));
  }

  /**
   * What any request of the client just learned about the server (feed, account, reactions, not
   * only uploads).
   *
   * A refused connection marks it unreachable (`sync.connectivity`, the app's offline banner)
   * and starts the health probe; any answer marks it reachable and resumes the queue at once.
   */
  noteReachability(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.setReachable(reachable);
    if (reachable) this.probeAttempt = 0;
    this.schedule(0);
  }

  private setReachable(reachable: boolean): void {
    if (this.reachable === reachable) return;
    this.reachable = reachable;
    this.options.events.connectivity(reachable);
  }

  private run(row: OutboxRow): void {
    const controller = new AbortController();
    this.running.set(row.id, controller);
    void this.process(row, controller.signal)
      .catch((error: unknown) => this.fail(row.id, error, controller.signal))
      .finally(() => {
        this.running.delete(row.id);
        if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.schedule(0);
      });
  }

  private fail(id: number, error: unknown, signal: AbortSignal): void {
    const current = repo.getItem(this.store, id);
    if (!current) return;
    if (signal.aborted && signal.reason instanceof Stop) {
      if (!this.closed) this.emit(id);
      return;
    }
    if (current.status === 'paused' || current.status === 'cancelled') return;
    const verdict = classifyFailure(error);
    const now = Date.now();
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    const patch = failureTransition(verdict, current.attempts, now, backoff, this.options.random);
    // Offline: the server is away, the queue waits for it instead of burning attempts.
    if (verdict.kind === 'offline') this.setReachable(false);
    else if (verdict.unexpected) this.options.log.error(`upload item ${id} failed`, error);
    repo.setState(this.store, id, patch, now);
    this.emit(id);
  }

  // ---- one item ---------------------------------------------------------------------------

  private async process(row: OutboxRow, signal: AbortSignal): Promise<void> {
    const id = row.id;
    const uploads = repo.uploadsOf(this.store, id);
    const total = uploads.reduce((sum, u) => sum + u.bytes, 0);
    const meter = new ProgressMeter(repo.toQueueItem(this.store, row).bytesDone, total);
    let lastProgress = 0;
    const onBytes = (bytes: number): void => {
      meter.add(bytes);
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        this.options.events.progress({ id: String(id), ...meter.snapshot(now) });
      }
    };
    for (const upload of uploads) {
      if (upload.completed) continue;
      await uploadFile(
        {
          store: this.store,
          client: this.options.client,
          limiter: this.limiter,
          parallelParts: Math.max(1, this.options.limits().parallelParts),
          stallMs: this.options.stallMs ?? 30_000,
          onBytes,
          setStatus: (status) => this.setStatus(id, status),
          hashers: this.hashers,
        },
        id,
        upload,
        signal,
      );
    }
    signal.throwIfAborted();
    this.options.events.progress({ id: String(id), ...meter.snapshot() });
    this.setStatus(id, 'completing');
    const result = await finishItem(
      this.options.client,
      row,
      repo.uploadsOf(this.store, id),
      signal,
    );
    // The server verifies sha256 and size after it reports completion: only a verified item
    // is done (and its project published).
    const outcome = await awaitVerification(
      this.options.client,
      repo.uploadsOf(this.store, id),
      this.options.verification ?? DEFAULT_VERIFICATION,
      signal,
    );
    if (!outcome.ok) {
      const { client, log } = this.options;
      await rejectUnverified(
        { store: this.store, client, log, hashers: this.hashers },
        row,
        result,
        outcome.failed,
      );
      throw new AppError('UPSTREAM', `${row.title}: ${outcome.message}`, {
        details: { verification: 'failed', files: outcome.failed.map((u) => u.path) },
      });
    }
    markDone(this.store, row, result, Date.now());
    const item = this.emit(id);
    this.options.onDone?.(item);
  }

  private setStatus(id: number, status: 'initiating' | 'uploading' | 'completing'): void {
    const row = repo.getItem(this.store, id);
    if (row?.status === status) return;
    repo.setState(this.store, id, { status }, Date.now());
    this.emit(id);
  }

  private async abortRemote(id: number): Promise<void> {
    for (const upload of repo.uploadsOf(this.store, id)) {
      if (!upload.remote_upload_id || upload.completed) continue;
      try {
        await this.options.client.call(uploadsApi.abort, { id: upload.remote_upload_id });
      } catch (error) {
        this.options.log.warn(
          `sync: could not abort upload ${upload.remote_upload_id}: ${(error as Error).message}`,
        );
      }
    }
  }
}

function safeBaseUrl(client: CloudClient): string {
  try {
    return client.baseUrl();
  } catch {
    return '';
  }
}
