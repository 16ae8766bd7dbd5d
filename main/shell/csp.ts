/**
 * The Content-Security-Policy of every page Reelsmith shows (Electron window and browser shell):
 * only our own scripts, no inline script, no plugins, no framing, no form posts elsewhere.
 */
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
