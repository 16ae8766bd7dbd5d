/**
 * Hardening applied to every web contents and session Reelsmith creates.
 */
import type { Session, Shell, WebContents } from 'electron';

/** Only these external links leave the app, and only to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * No new windows (https links open in the OS browser instead), no navigation away from the app,
 * no <webview>.
 */
export function hardenWebContents(contents: WebContents, shell: Pick<Shell, 'openExternal'>): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** Every permission (camera, notifications, geolocation, ...) is denied unless listed. */
export function denyPermissions(session: Session, allowed: ReadonlySet<string> = new Set()): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(allowed.has(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));
}
