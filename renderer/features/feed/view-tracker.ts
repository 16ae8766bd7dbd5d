/**
 * The view-counting rule of the feed: a video counts as viewed once it has been at least half
 * visible for two seconds without interruption, and it counts at most once per app session.
 *
 * Pure and clock-free: the caller reports visibility ratios (from an IntersectionObserver) and
 * calls `tick()` with the current time; the tracker answers which ids just earned a view.
 */

/** Fraction of the card that must be on screen. */
export const VIEW_MIN_RATIO = 0.5;
/** How long it must stay that visible, in milliseconds. */
export const VIEW_MIN_MS = 2000;

export class ViewTracker {
  /** When each currently-visible id became visible enough. */
  private readonly visibleSince = new Map<string, number>();
  /** Ids already counted this session (never counted again). */
  private readonly counted = new Set<string>();

  constructor(
    private readonly minRatio = VIEW_MIN_RATIO,
    private readonly minMs = VIEW_MIN_MS,
  ) {}

  /**
   * Records a visibility change of one card.
   *
   * Dropping below the threshold resets its timer: the two seconds must be continuous.
   */
  update(id: string, ratio: number, now: number): void {
    if (this.counted.has(id)) return;
    if (ratio >= this.minRatio) {
      if (!this.visibleSince.has(id)) this.visibleSince.set(id, now);
    } else {
      this.visibleSince.delete(id);
    }
  }

  /** Forgets a card that left the page (unmounted). */
  remove(id: string): void {
    this.visibleSince.delete(id);
  }

  /**
   * Returns the ids that have just met the rule, and marks them counted.
   */
  tick(now: number): string[] {
    const due: string[] = [];
    for (const [id, since] of this.visibleSince) {
      if (now - since >= this.minMs) due.push(id);
    }
    for (const id of due) {
      this.visibleSince.delete(id);
      this.counted.add(id);
    }
    return due;
  }

  /**
   * Lets an id count again, for when reporting its view failed (so it is retried later).
   */
  forget(id: string): void {
    this.counted.delete(id);
  }

  /** True once the id has been counted this session. */
  hasCounted(id: string): boolean {
    return this.counted.has(id);
  }

  /** Milliseconds until the earliest pending card becomes due, or null when none is pending. */
  nextDueIn(now: number): number | null {
    let best: number | null = null;
    for (const since of this.visibleSince.values()) {
      const left = Math.max(0, since + this.minMs - now);
      if (best === null || left < best) best = left;
    }
    return best;
  }
}
