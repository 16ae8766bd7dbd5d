/**
 * Long library operations (imports, bundle export/import): progress events and cancellation.
 *
 * The caller chooses the operation id so it can cancel (`library.cancel`) before the call
 * returns; a caller that goes away (window closed, socket dropped) cancels too.
 */
import { randomUUID } from 'node:crypto';
import type { LibraryProgress } from '../../shared/contract/library.contract';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../rpc/event-bus';

const PROGRESS_INTERVAL_MS = 100;

export interface LongOperation {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Reports progress (throttled; the last report of a phase always goes out via `end`). */
  progress(done: number, total: number, current?: string): void;
  /** Throws CANCELLED if the operation was cancelled. */
  throwIfCancelled(): void;
  /** Sends the final progress and forgets the operation. */
  end(): void;
}

export class LongOperations {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly events: EventBus | null) {}

  /** Starts tracking; refuses an id already in use. */
  start(
    kind: LibraryProgress['kind'],
    unit: LibraryProgress['unit'],
    operationId?: string,
    callerSignal?: AbortSignal,
  ): LongOperation {
    const id = operationId ?? randomUUID();
    if (this.running.has(id)) throw new AppError('CONFLICT', `Operation ${id} is already running.`);
    const controller = new AbortController();
    callerSignal?.addEventListener('abort', () => controller.abort(), { once: true });
    this.running.set(id, controller);
    let last = 0;
    let latest: LibraryProgress | null = null;
    const emit = () => {
      if (latest) this.events?.emit('library.progress', latest);
      last = Date.now();
    };
    return {
      id,
      signal: controller.signal,
      progress: (done, total, current) => {
        latest = {
          operationId: id,
          kind,
          unit,
          done,
          total,
          ...(current !== undefined && { current }),
        };
        if (Date.now() - last >= PROGRESS_INTERVAL_MS) emit();
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'Cancelled.');
      },
      end: () => {
        emit();
        this.running.delete(id);
      },
    };
  }

  /** Cancels a running operation; false if none has this id. */
  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId);
    controller?.abort();
    return controller !== undefined;
  }
}
