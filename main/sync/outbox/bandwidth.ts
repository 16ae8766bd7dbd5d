/**
 * One token bucket shared by every upload stream, so the limit holds for the whole queue.
 */
export class BandwidthLimiter {
  private tokens = 0;
  private last = Date.now();

  /** `limit()` answers bytes per second; 0 = unlimited. Read on every call so a setting applies at once. */
  constructor(private readonly limit: () => number) {}

  /** Waits until `bytes` may be sent. */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const rate = this.limit();
      if (rate <= 0) return;
      const now = Date.now();
      // At most one second of burst.
      this.tokens = Math.min(rate, this.tokens + ((now - this.last) / 1000) * rate);
      this.last = now;
      if (this.tokens >= bytes || (this.tokens >= rate && bytes > rate)) {
        this.tokens -= bytes;
        return;
      }
      const wait = Math.ceil(((Math.min(bytes, rate) - this.tokens) / rate) * 1000);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, Math.max(1, wait));
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
      signal?.throwIfAborted();
    }
  }
}
