/**
 * sha256 of a file built from its parts as they are read for sending, in part order, so no
 * separate pass over the file is needed. Parts read out of order (parallel workers) wait here
 * until the parts before them are hashed; `room` holds back a worker that would read too far
 * ahead, so memory stays bounded.
 */
import { createHash, type Hash } from 'node:crypto';
import { AppError } from '../../../shared/errors';

export class OrderedHasher {
  private readonly hash: Hash = createHash('sha256');
  private readonly waiting = new Map<number, Buffer>();
  private next = 1;
  private readonly roomWaiters: (() => void)[] = [];

  constructor(
    private readonly partCount: number,
    private readonly maxHeld = 4,
  ) {}

  /** True while part `partNumber` still has to be fed (not hashed, not held). */
  needs(partNumber: number): boolean {
    return partNumber >= this.next && !this.waiting.has(partNumber);
  }

  /**
   * Feeds part `partNumber` (1-based); hashes it and any waiting successors once it is next.
   * A part already fed is ignored (a retry re-reading the same unchanged bytes).
   */
  add(partNumber: number, body: Buffer): void {
    if (!this.needs(partNumber)) return;
    this.waiting.set(partNumber, body);
    for (let part = this.waiting.get(this.next); part; part = this.waiting.get(this.next)) {
      this.hash.update(part);
      this.waiting.delete(this.next);
      this.next += 1;
    }
    if (this.waiting.size < this.maxHeld) for (const wake of this.roomWaiters.splice(0)) wake();
  }

  /**
   * Resolves when part `partNumber` may be read: at once for the next part to hash (so the
   * parts holding others back are never themselves held back), else once fewer than `maxHeld`
   * parts wait.
   */
  async room(partNumber: number, signal: AbortSignal): Promise<void> {
    while (partNumber > this.next && this.waiting.size >= this.maxHeld) {
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.roomWaiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** Parts held because an earlier one is still being read. */
  get held(): number {
    return this.waiting.size;
  }

  /** The hex digest; every part must have been added. */
  digest(): string {
    if (this.next !== this.partCount + 1) {
      throw new AppError(
        'INTERNAL',
        `Hashed ${this.next - 1} of ${this.partCount} parts; the digest is not ready.`,
      );
    }
    return this.hash.digest('hex');
  }
}
