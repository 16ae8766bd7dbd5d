/**
 * Work started by a request that outlives it (sha256 verification). Tracked so that shutdown and
 * tests can wait for it.
 */
import { describeError, type Log } from './logger';

export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Log) {}

  /** Runs `task` without awaiting it; failures are logged. */
  run(name: string, task: () => Promise<void>): void {
    const promise = task()
      .catch((error: unknown) =>
        this.log.error(`background task failed: ${name}`, describeError(error)),
      )
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves when nothing is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
