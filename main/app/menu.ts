/**
 * The native menu: standard roles (so copy/paste, undo, zoom and window shortcuts work on
 * every OS) plus a Help entry that opens the docs in the OS browser.
 */
import type { MenuItemConstructorOptions } from 'electron';

export const DOCS_URL = 'https://github.com/reelsmith/reelsmith#readme';

export function menuTemplate(
  platform: NodeJS.Platform,
  options: { isPackaged: boolean; openExternal: (url: string) => void },
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!options.isPackaged)
    view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Reelsmith documentation', click: () => options.openExternal(DOCS_URL) }],
    },
  ];
}
