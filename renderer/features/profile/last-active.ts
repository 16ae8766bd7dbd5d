/**
 * "Last active" for a profile: the API has no activity timestamp, so it is the newest of the
 * creator's latest published video and the account's creation.
 */

/** The latest of the given ISO times (invalid ones ignored), or null. */
export function lastActive(times: readonly (string | null | undefined)[]): string | null {
  let best: number | null = null;
  let bestText: string | null = null;
  for (const t of times) {
    if (!t) continue;
    const ms = Date.parse(t);
    if (Number.isNaN(ms)) continue;
    if (best === null || ms > best) {
      best = ms;
      bestText = t;
    }
  }
  return bestText;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or the date beyond 30 days. */
export function relativeTime(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 'unknown';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${String(m)} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${String(h)} h ago`;
  const d = Math.floor(h / 24);
  if (d <= 30) return `${String(d)} day${d === 1 ? '' : 's'} ago`;
  return new Date(ms).toISOString().slice(0, 10);
}
