/**
 * Rate and ETA of one item's upload over a sliding window, for `sync.progress`.
 */
const WINDOW_MS = 5_000;

export class ProgressMeter {
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(
    private done: number,
    private readonly total: number,
  ) {}

  add(bytes: number, now = Date.now()): void {
    this.done += bytes;
    this.samples.push({ at: now, bytes: this.done });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - WINDOW_MS) {
      this.samples.shift();
    }
  }

  snapshot(now = Date.now()): {
    bytesDone: number;
    bytesTotal: number;
    rateBytesPerSecond: number;
    etaSeconds: number | null;
  } {
    const first = this.samples[0];
    const span = first ? (now - first.at) / 1000 : 0;
    const rate = first && span > 0.2 ? (this.done - first.bytes) / span : 0;
    const left = Math.max(0, this.total - this.done);
    return {
      bytesDone: Math.min(this.done, this.total),
      bytesTotal: this.total,
      rateBytesPerSecond: Math.round(rate),
      etaSeconds: rate > 0 ? Math.round(left / rate) : left === 0 ? 0 : null,
    };
  }
}
