/**
 * The preload: exposes exactly one object, `window.reelsmith`, built from the contract.
 * No raw ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Bridge, FileLike } from '../shared/contract/bridge';
import type { Result } from '../shared/contract/define';
import { isEventName, isOperationName } from '../shared/contract';

const INVOKE_CHANNEL = 'reelsmith:invoke';
const EVENT_CHANNEL = 'reelsmith:event';

const bridge: Bridge = {
  async invoke(name, input) {
    if (!isOperationName(name)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_OPERATION', message: `Unknown operation: ${name}` },
      };
    }
    return (await ipcRenderer.invoke(INVOKE_CHANNEL, name, input)) as Result<unknown>;
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
  pathForFile(file: FileLike) {
    return webUtils.getPathForFile(file as File);
  },
};

contextBridge.exposeInMainWorld('reelsmith', bridge);
