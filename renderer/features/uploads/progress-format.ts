/**
 * Human-readable sizes, speeds and times for the uploads panel and publish progress.
 */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1536 → "1.5 KB" (powers of 1024; one decimal under 10, none above). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit] ?? 'B'}`;
}

/** Bytes per second → "2.4 MB/s"; nothing meaningful ("—") when idle. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || bytesPerSecond <= 0) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Seconds → "45 s", "3 min 05 s", "1 h 02 min"; "—" when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return '—';
  const s = Math.ceil(seconds);
  if (s < 60) return `${String(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${String(m)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${String(Math.floor(m / 60))} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Seconds left at the current rate, or null when it cannot be estimated. */
export function estimateEta(bytesDone: number, bytesTotal: number, rate: number): number | null {
  if (rate <= 0 || bytesTotal <= 0) return null;
  return Math.max(0, bytesTotal - bytesDone) / rate;
}

/** Done fraction in [0, 1] (a zero-byte item counts as complete). */
export function fractionDone(bytesDone: number, bytesTotal: number): number {
  if (bytesTotal <= 0) return 1;
  return Math.min(1, Math.max(0, bytesDone / bytesTotal));
}
