/**
 * Autoplay of feed cards: the card that is mostly in view plays (muted); every other card is
 * paused. At most one card plays, so audio never overlaps and scrolling costs one decoder.
 */

/** A card plays only when at least this fraction of it is on screen. */
export const AUTOPLAY_MIN_RATIO = 0.6;

/**
 * Picks the card that should play from the visibility ratio of each card, or null.
 *
 * The most visible card wins; ties go to the one earlier in `order` (higher in the feed).
 */
export function pickPlaying(
  ratios: ReadonlyMap<string, number>,
  order: readonly string[],
  minRatio = AUTOPLAY_MIN_RATIO,
): string | null {
  let best: string | null = null;
  let bestRatio = -1;
  for (const id of order) {
    const ratio = ratios.get(id) ?? 0;
    if (ratio >= minRatio && ratio > bestRatio) {
      best = id;
      bestRatio = ratio;
    }
  }
  return best;
}
