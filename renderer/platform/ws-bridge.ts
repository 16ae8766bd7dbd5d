/**
 * The browser shell's `Bridge`: the contract over a WebSocket to `/rpc`, and uploads through
 * `POST /files`. The page was opened with `?token=`; the server then set an HttpOnly cookie that
 * authenticates the socket and uploads, and the token is removed from the address bar.
 */
import type { Bridge, WireMessage } from '../../shared/contract/bridge';
import type { Result } from '../../shared/contract/define';
import type { FileHandle } from '../../shared/contract/files.contract';
import { AppError, type ErrorPayload } from '../../shared/errors';

export interface BrowserBridge extends Bridge {
  readonly kind: 'browser';
  /** Uploads a file chosen in the page; resolves with its handle. */
  upload(file: File, onProgress?: (fraction: number) => void): Promise<FileHandle>;
  /** Connection state, for a banner. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

interface Pending {
  resolve: (result: Result<unknown>) => void;
}

export function createWebSocketBridge(location: Location): BrowserBridge {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;

  const setConnected = (connected: boolean) => {
    for (const listener of connectionListeners) listener(connected);
  };

  function connect() {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      setConnected(true);
      for (const message of queue.splice(0)) ws.send(message);
    };
    ws.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as WireMessage;
      if (message.t === 'res') {
        pending.get(message.id)?.resolve(message.result);
        pending.delete(message.id);
      } else if (message.t === 'evt') {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    };
    ws.onclose = () => {
      socket = null;
      setConnected(false);
      // Calls in flight are lost with the socket: fail them so the UI can offer a retry.
      for (const [id, call] of pending) {
        call.resolve({
          ok: false,
          error: {
            code: 'IO',
            message: 'Lost the connection to Reelsmith. Retrying…',
            retryable: true,
          },
        });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  }
  connect();

  return {
    kind: 'browser',
    invoke(op, input) {
      const id = nextId++;
      const message: WireMessage = { t: 'req', id, op, input };
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        const text = JSON.stringify(message);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    upload(file, onProgress) {
      return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('POST', `/files?name=${encodeURIComponent(file.name)}`);
        request.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress?.(event.loaded / event.total);
        };
        request.onload = () => {
          const body = JSON.parse(request.responseText) as FileHandle | { error: ErrorPayload };
          if ('error' in body) reject(AppError.fromPayload(body.error));
          else resolve(body);
        };
        request.onerror = () =>
          reject(new AppError('IO', `Uploading ${file.name} failed.`, { retryable: true }));
        request.send(file);
      });
    },
  };
}
