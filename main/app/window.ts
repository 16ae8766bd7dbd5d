/**
 * The main window: isolated, sandboxed, no Node in the page.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    backgroundColor: '#0f1115',
    title: 'Reelsmith',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function createMainWindow(
  Window: BrowserWindowClass,
  preloadPath: string,
  url: string,
): BrowserWindow {
  const window = new Window(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}
