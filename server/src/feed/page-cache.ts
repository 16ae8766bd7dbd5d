/**
 * A one-second cache of anonymous feed pages, per instance ("micro-caching"): under load every
 * signed-out reader of the first page shares one query per second. Signed-in pages carry the
 * reader's reactions and are never cached. A CDN in front can do the same with Cache-Control.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 256,
  ) {}

  /** The cached value for `key`, or the result of `load` (shared by concurrent callers). */
  get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
