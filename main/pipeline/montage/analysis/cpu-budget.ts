import { Semaphore } from '../../../util/semaphore';

/**
 * At most `slots` ffmpeg/ffprobe runs at once, each started with `-threads 1`, so analysis
 * uses about `slots` cores and leaves the rest of the machine (the UI, a render) alone.
 */
export class CpuBudget extends Semaphore {
  get slots(): number {
    return this.limit;
  }
}

/** A default that keeps one core for everything else, on machines that have more than one. */
export function defaultCpuSlots(cores: number): number {
  return Math.max(1, cores - 1);
}
