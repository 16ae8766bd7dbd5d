/**
 * The transport-neutral object a renderer talks through: `window.reelsmith` in Electron (from the
 * preload), a WebSocket bridge in the browser shell, a direct call in tests.
 */
import type { Result } from './define';

/** The part of a DOM `File` the bridge needs (kept structural so `shared/` stays DOM-free). */
export interface FileLike {
  readonly name: string;
  readonly size: number;
}

export interface Bridge {
  /** Calls an operation; never throws for a failure of the operation itself. */
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Electron only: the local path of a dropped file (`webUtils.getPathForFile`). */
  pathForFile?(file: FileLike): string;
}

/** Messages on the browser shell's WebSocket (`/rpc`). */
export type WireMessage =
  | { t: 'req'; id: number; op: string; input: unknown }
  | { t: 'res'; id: number; result: Result<unknown> }
  | { t: 'evt'; event: string; payload: unknown };
