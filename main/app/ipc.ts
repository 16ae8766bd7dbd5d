/**
 * Electron IPC transport: one invoke channel and one event channel, both carrying the contract.
 * Every call is checked to come from the top frame of a page of our own origin before any
 * handler runs.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Result } from '../../shared/contract/define';
import type { EventBus } from '../rpc/event-bus';
import type { Router } from '../rpc/router';

export const INVOKE_CHANNEL = 'reelsmith:invoke';
export const EVENT_CHANNEL = 'reelsmith:event';

/** True when the call comes from the top frame of a page served from `allowedOrigin`. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  allowedOrigin: string,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    // Node's URL gives origin "null" for custom schemes such as app://, so compare the parts.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === allowedOrigin;
  } catch {
    return false;
  }
}

export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  router: Router,
  allowedOrigin: string,
): void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, allowedOrigin)) {
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN',
            message: 'Calls are only accepted from the Reelsmith window.',
          },
        };
      }
      return router.handle(name, input, { transport: 'electron' });
    },
  );
}

/** Forwards every event on the bus to every live window. */
export function forwardEvents(
  events: EventBus,
  windows: () => readonly { webContents: WebContents }[],
): () => void {
  return events.onAny((name, payload) => {
    for (const window of windows()) {
      if (!window.webContents.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
    }
  });
}
