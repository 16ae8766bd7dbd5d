/**
 * The Content-Security-Policy of every page Reelsmith shows (Electron window and browser shell):
 * only our own scripts, no inline script, no plugins, no framing, no form posts elsewhere.
 */

/**
 * Where feed videos and their posters come from: the sync API's storage (the embedded API or a
 * local `reelsmith api` on loopback, any port) or a hosted one, its bucket or CDN over HTTPS.
 * Images and media only: scripts and connections stay 'self'.
 */
export const CLOUD_MEDIA_SOURCES = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'];

/** The origin of a configured http(s) sync API URL, for img-src/media-src; null when none. */
export function mediaOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(extra: { media?: string[] } = {}): string {
  const media = ["'self'", 'blob:', 'data:', ...(extra.media ?? [])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
