/**
 * Picks the transport: the Electron preload's `window.reelsmith`, else the browser shell's socket.
 */
import type { Bridge } from '../../shared/contract/bridge';
import { createWebSocketBridge, type BrowserBridge } from './ws-bridge';

declare global {
  interface Window {
    reelsmith?: Bridge;
  }
}

export type AnyBridge = (Bridge & { kind?: undefined }) | BrowserBridge;

export function detectBridge(): AnyBridge {
  if (window.reelsmith) return window.reelsmith;
  // The token now lives in an HttpOnly cookie; keep it out of the address bar and history.
  const url = new URL(window.location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return createWebSocketBridge(window.location);
}

export function isBrowserBridge(bridge: Bridge): bridge is BrowserBridge {
  return (bridge as Partial<BrowserBridge>).kind === 'browser';
}
