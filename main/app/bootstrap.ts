/**
 * Starts the Electron shell around the shared services. Takes the `electron` module as a
 * parameter so tests can drive it with a fake.
 */
import path from 'node:path';
import type * as Electron from 'electron';
import { AppError } from '../../shared/errors';
import { resolveDataDir } from '../config/data-dir';
import { startControlEndpoint } from '../control/control-endpoint';
import type { ControlServer } from '../control/control-server';
import { createServices, type Services } from '../services';
import { prepareLibrary } from '../store/db/prepare-library';
import { createStderrLogger } from '../util/logger';
import { createNativeDialogs } from './dialogs';
import { forwardEvents, registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { SafeStorageSecretStore } from './safe-storage-secret.store';
import {
  APP_ORIGIN,
  appSchemePrivileges,
  mediaSchemePrivileges,
  registerAppProtocol,
  registerMediaProtocol,
  stagedFiles,
} from './protocol';
import { denyPermissions, hardenWebContents } from './security';
import { createMainWindow } from './window';

export type ElectronModule = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'ipcMain'
  | 'protocol'
  | 'session'
  | 'shell'
  | 'dialog'
  | 'Menu'
  | 'safeStorage'
>;

export interface StartOptions {
  /** Folder with the built renderer and preload (out/). */
  outDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** `--data-dir DIR` / `--data-dir=DIR` on the app's command line. */
export function dataDirFlag(argv: readonly string[]): string | undefined {
  const index = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (index < 0) return undefined;
  const arg = argv[index] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

/** Returns false when another instance already runs (this one then quits). */
export function startElectronApp(electron: ElectronModule, options: StartOptions): boolean {
  const { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, Menu, safeStorage } =
    electron;
  app.setName('Reelsmith');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const dataDir = resolveDataDir(dataDirFlag(options.argv), options.env);
  app.setPath('userData', dataDir);
  protocol.registerSchemesAsPrivileged([appSchemePrivileges, mediaSchemePrivileges]);

  let mainWindow: Electron.BrowserWindow | null = null;
  let services: Services | null = null;
  let control: Promise<ControlServer | null> = Promise.resolve(null);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, shell);
  });

  app.on('window-all-closed', () => {
    app.quit();
  });

  app.on('will-quit', () => {
    const closing = services;
    void control.then((endpoint) => endpoint?.close()).then(() => closing?.close());
  });

  void app.whenReady().then(async () => {
    try {
      // Backup (better-sqlite3 backup(), asynchronous), migrations, integrity check first.
      const prepared = await prepareLibrary(dataDir, {
        log: createStderrLogger(),
        lockAs: 'studio',
      });
      if (prepared.notices.length > 0) {
        dialog.showErrorBox('Reelsmith restored your library', prepared.notices.join('\n\n'));
      }
      services = createServices({
        dataDir,
        shell: 'electron',
        env: options.env,
        dialogs: createNativeDialogs(dialog, shell, () => mainWindow),
        allowLocalPaths: true,
        // safeStorage needs the app to be ready; it only serves when keytar cannot load.
        secretStoreFallback: () => new SafeStorageSecretStore(safeStorage, dataDir),
      });
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      dialog.showErrorBox('Reelsmith cannot start', message);
      app.quit();
      return;
    }
    denyPermissions(session.defaultSession);
    registerAppProtocol(protocol, path.join(options.outDir, 'renderer'));
    registerMediaProtocol(protocol, services.media.files.root, stagedFiles(services.fileRegistry));
    registerIpc(ipcMain, services.router, APP_ORIGIN);
    forwardEvents(services.events, () => BrowserWindow.getAllWindows());
    // The embedded sync API (no cloud URL set) and the upload queue; failures are logged, the
    // studio works offline without them.
    const started = services;
    started.sync
      .start()
      .catch((error: unknown) => started.log.error('sync: could not start', error));
    // `reelsmith login/queue/publish` in a terminal work through this while the studio runs.
    control = startControlEndpoint(started).catch((error: unknown) => {
      started.log.error('control endpoint: could not start', error);
      return null;
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(process.platform, {
          isPackaged: app.isPackaged,
          openExternal: (url) => void shell.openExternal(url),
        }),
      ),
    );
    mainWindow = createMainWindow(
      BrowserWindow,
      path.join(options.outDir, 'preload', 'preload.cjs'),
      `${APP_ORIGIN}/`,
    );
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
  return true;
}
