/**
 * A counting semaphore for external processes: at most `slots` ffmpeg/ffprobe runs at once,
 * each started with `-threads 1`, so analysis uses about `slots` cores and leaves the rest of
 * the machine (the UI, a render) alone.
 */
export class CpuBudget {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly slots: number) {
    if (!Number.isInteger(slots) || slots < 1)
      throw new RangeError('slots must be a positive integer');
  }

  /** Runs `task` when a slot is free; the slot is returned however the task ends. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.slots) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** A default that keeps one core for everything else, on machines that have more than one. */
export function defaultCpuSlots(cores: number): number {
  return Math.max(1, cores - 1);
}
