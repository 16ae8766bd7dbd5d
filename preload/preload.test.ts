import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../shared/contract/bridge';

const exposed: [string, unknown][] = [];
const invoked: unknown[][] = [];
const listeners = new Map<string, ((...args: unknown[]) => void)[]>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: 'pong' });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      );
    },
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/home/ana/${file.name}` },
}));

let bridge: Bridge;
beforeAll(async () => {
  await import('./preload');
  bridge = exposed[0]![1] as Bridge;
});

describe('preload', () => {
  it('exposes exactly one object, window.reelsmith, with invoke, on and pathForFile', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('reelsmith');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('invokes contract operations over one channel and refuses unknown ones locally', async () => {
    expect(await bridge.invoke('settings.get', {})).toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([['reelsmith:invoke', 'settings.get', {}]]);
    expect(await bridge.invoke('shell.exec', { cmd: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OPERATION' },
    });
    expect(invoked).toHaveLength(1);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = bridge.on('settings.changed', (payload) => seen.push(payload));
    const fire = (...args: unknown[]) =>
      listeners.get('reelsmith:event')?.forEach((l) => l({}, ...args));
    fire('settings.changed', { language: 'de' });
    fire('other.event', { x: 1 });
    off();
    fire('settings.changed', { language: 'fr' });
    expect(seen).toEqual([{ language: 'de' }]);
    expect(() => bridge.on('not.an.event', () => undefined)).toThrow('Unknown event');
  });

  it('gives the local path of a dropped file', () => {
    expect(bridge.pathForFile?.({ name: 'clip.mp4', size: 1 })).toBe('/home/ana/clip.mp4');
  });
});
