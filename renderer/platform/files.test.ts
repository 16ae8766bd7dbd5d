import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/contract/bridge';
import { fileUrlFor } from './files';
import type { BrowserBridge } from './ws-bridge';

const electron: Bridge = {
  invoke: () => Promise.resolve({ ok: true, value: null }),
  on: () => () => undefined,
  pathForFile: (file) => `/home/me/${file.name}`,
};

const browser: BrowserBridge = {
  ...electron,
  kind: 'browser',
  upload: (file) =>
    Promise.resolve({ id: 'uploaded', name: file.name, bytes: file.size, mode: 'open' }),
  onConnectionChange: () => () => undefined,
};

describe('fileUrlFor', () => {
  it('gives the browser shell its HTTP route', () => {
    expect(fileUrlFor(browser, 'ab-12')).toBe('/files/ab-12');
  });

  it('gives Electron its media:// scheme (served by main/app/protocol.ts)', () => {
    expect(fileUrlFor(electron, 'ab-12')).toBe('media://files/ab-12');
  });

  it('encodes the id so it cannot leave its path segment', () => {
    expect(fileUrlFor(electron, '../x?y')).toBe('media://files/..%2Fx%3Fy');
    expect(fileUrlFor(browser, '../x?y')).toBe('/files/..%2Fx%3Fy');
  });
});
