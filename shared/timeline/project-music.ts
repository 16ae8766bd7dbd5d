/**
 * Where a project keeps its music bed, read the same way by the editor's preview timeline and
 * by main's project render: the music layer when it has a file, else `settings.music`
 * (`{mediaId, volume, ducking, fadeIn, fadeOut}`, what the editor's music panel writes).
 */

export interface MusicLayerSettings {
  volume: number;
  ducking: boolean;
  /** How hard to duck (0–1), only when the settings name one (`ducking: {enabled, amount}`). */
  duckingAmount?: number;
  fadeIn: number;
  fadeOut: number;
  /** Repeat a short track, only when the settings say so. */
  loop?: boolean;
}

/**
 * Music settings with the editor's defaults (40 % volume, ducking on, 1 s in, 2 s out).
 * `ducking` is `true`/`false` (what the editor writes) or `{enabled, amount}`.
 */
export function musicSettingsOf(settings: Record<string, unknown>): MusicLayerSettings {
  const num = (key: string, fallback: number) => {
    const v = settings[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  };
  const ducking = settings.ducking;
  const record =
    typeof ducking === 'object' && ducking !== null && !Array.isArray(ducking)
      ? (ducking as Record<string, unknown>)
      : null;
  const amount = record?.amount;
  return {
    volume: num('volume', 0.4),
    ducking: record ? record.enabled !== false : ducking !== false,
    ...(typeof amount === 'number' && Number.isFinite(amount) && { duckingAmount: amount }),
    fadeIn: num('fadeIn', 1),
    fadeOut: num('fadeOut', 2),
    ...(typeof settings.loop === 'boolean' && { loop: settings.loop }),
  };
}

/** The editor's stored music (`settings.music`) when it names a medium, else null. */
export function storedMusicOf(
  settings: Record<string, unknown>,
): (Record<string, unknown> & { mediaId: string }) | null {
  const stored = settings.music;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const record = stored as Record<string, unknown>;
  const mediaId = record.mediaId;
  return typeof mediaId === 'string' && mediaId !== '' ? { ...record, mediaId } : null;
}
