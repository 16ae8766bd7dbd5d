/**
 * A fake of the parts of `electron` the shell uses, recording what was done to it, so the
 * shell's security settings are tested without an Electron binary.
 */
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import type { ElectronModule } from './bootstrap';

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return false;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.created;
  }
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export interface FakeElectron {
  module: ElectronModule;
  app: EventEmitter & {
    quitCalled: boolean;
    singleInstance: boolean;
    paths: Record<string, string>;
  };
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  protocolHandlers: Map<string, (request: { url: string }) => Response>;
  privilegedSchemes: unknown[];
  opened: string[];
  /** Paths given to shell.openPath / showItemInFolder, in order. */
  openedPaths: string[];
  revealedPaths: string[];
  /** What the next shell.openPath resolves with ('' = success, else the OS's error text). */
  openPathResult: string;
  permissionRequest:
    ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | null;
  menuTemplate: Electron.MenuItemConstructorOptions[] | null;
  ready: () => Promise<void>;
}

export function createFakeElectron(options: { singleInstance?: boolean } = {}): FakeElectron {
  FakeBrowserWindow.created = [];
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const initialPaths: Record<string, string> = {};
  const app = Object.assign(new EventEmitter(), {
    quitCalled: false,
    singleInstance: options.singleInstance ?? true,
    paths: initialPaths,
    isPackaged: false,
    setName() {},
    requestSingleInstanceLock() {
      return app.singleInstance;
    },
    quit() {
      app.quitCalled = true;
    },
    setPath(name: string, value: string) {
      app.paths[name] = value;
    },
    whenReady() {
      return readyPromise;
    },
  });
  const fake: FakeElectron = {
    app,
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    opened: [],
    openedPaths: [],
    revealedPaths: [],
    openPathResult: '',
    permissionRequest: null,
    permissionCheck: null,
    menuTemplate: null,
    ready: async () => {
      resolveReady();
      await readyPromise;
      await new Promise((resolve) => setImmediate(resolve));
    },
    module: undefined as unknown as ElectronModule,
  };
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        fake.ipcHandlers.set(channel, handler);
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        fake.privilegedSchemes.push(...schemes);
      },
      handle(scheme: string, handler: (request: { url: string }) => Response) {
        fake.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(handler: FakeElectron['permissionRequest']) {
          fake.permissionRequest = handler;
        },
        setPermissionCheckHandler(handler: FakeElectron['permissionCheck']) {
          fake.permissionCheck = handler;
        },
      },
    },
    shell: {
      openExternal(url: string) {
        fake.opened.push(url);
        return Promise.resolve();
      },
      showItemInFolder(path: string) {
        fake.revealedPaths.push(path);
      },
      openPath(path: string) {
        fake.openedPaths.push(path);
        return Promise.resolve(fake.openPathResult);
      },
    },
    dialog: {
      showErrorBox() {},
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
    },
    Menu: {
      buildFromTemplate(template: Electron.MenuItemConstructorOptions[]) {
        fake.menuTemplate = template;
        return template;
      },
      setApplicationMenu() {},
    },
  };
  fake.module = module as unknown as ElectronModule;
  return fake;
}
