/** Small display helpers for projects (pure, shared by the home grid and the editor). */

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m)}:${String(s).padStart(2, '0')}`;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatUpdated(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${String(Math.round(seconds / 60))} min ago`;
  if (seconds < 86_400) return `${String(Math.round(seconds / 3600))} h ago`;
  return new Date(at).toLocaleDateString();
}

/** The project's length as stored by the editor/wizard in settings (ms), if known. */
export function durationOf(settings: Record<string, unknown>): number | null {
  const value = settings.durationMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const STATUS_LABEL = {
  draft: 'Draft',
  generating: 'Generating',
  ready: 'Ready',
  rendering: 'Rendering',
  rendered: 'Rendered',
  failed: 'Failed',
} as const;
