import fs from 'node:fs';
import path from 'node:path';
import type * as Electron from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { startElectronApp } from './bootstrap';
import {
  createFakeElectron,
  FakeBrowserWindow,
  FakeWebContents,
  type FakeElectron,
} from './fake-electron';
import { INVOKE_CHANNEL, isTrustedSender } from './ipc';
import { menuTemplate } from './menu';
import { APP_ORIGIN, serveRendererFile } from './protocol';
import { hardenWebContents } from './security';
import { mainWindowOptions } from './window';

const tempDir = useTempDirs();
let running: FakeElectron | null = null;

function outDir(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>R</title>');
  fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'a.js'), 'x');
  return dir;
}

async function started(): Promise<FakeElectron> {
  const fake = createFakeElectron();
  const ok = startElectronApp(fake.module, {
    outDir: outDir(),
    argv: ['electron', '.', '--data-dir', tempDir()],
    env: {},
  });
  expect(ok).toBe(true);
  await fake.ready();
  running = fake;
  return fake;
}

afterEach(() => {
  running?.app.emit('will-quit');
  running = null;
});

describe('BrowserWindow settings', () => {
  it('isolates and sandboxes the page, with no Node and web security on', () => {
    const prefs = mainWindowOptions('/p/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens one window on the app:// origin with the CommonJS preload', async () => {
    await started();
    expect(FakeBrowserWindow.created).toHaveLength(1);
    const window = FakeBrowserWindow.created[0]!;
    expect(window.loadedUrl).toBe(`${APP_ORIGIN}/`);
    expect(window.options.webPreferences?.preload).toMatch(/preload[/\\]preload\.cjs$/);
  });
});

describe('web contents hardening', () => {
  it('denies every new window and sends only https links to the OS browser', () => {
    const fake = createFakeElectron();
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as Electron.WebContents, fake.module.shell);
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://example.com/']);
  });

  it('blocks navigation, redirects and webviews', () => {
    const contents = new FakeWebContents();
    hardenWebContents(
      contents as unknown as Electron.WebContents,
      createFakeElectron().module.shell,
    );
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(name, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, name).toBe(true);
    }
  });

  it('is applied to every web contents the app creates', async () => {
    const fake = await started();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler).not.toBeNull();
  });
});

describe('permissions', () => {
  it('denies permission requests and checks by default', async () => {
    const fake = await started();
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | null = null;
      fake.permissionRequest!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(fake.permissionCheck!({}, permission)).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  const frame = (url: string, parent: unknown = null) =>
    ({ senderFrame: { url, parent } }) as unknown as Electron.IpcMainInvokeEvent;

  it('accepts only the top frame of our own origin', () => {
    expect(isTrustedSender(frame(`${APP_ORIGIN}/index.html`), APP_ORIGIN)).toBe(true);
    expect(isTrustedSender(frame('https://evil.example/'), APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(frame(`${APP_ORIGIN}/`, { url: APP_ORIGIN }), APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(frame('not a url'), APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, APP_ORIGIN)).toBe(false);
  });

  it('runs no handler for an untrusted sender, and the contract for a trusted one', async () => {
    const fake = await started();
    const handler = fake.ipcHandlers.get(INVOKE_CHANNEL)!;
    expect(
      await handler(frame('https://evil.example/'), 'settings.set', { language: 'de' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await handler(frame(`${APP_ORIGIN}/`), 'settings.get', {})).toMatchObject({
      ok: true,
      value: { language: 'en' },
    });
    expect(await handler(frame(`${APP_ORIGIN}/`), 'settings.set', { language: 3 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('forwards events to windows', async () => {
    const fake = await started();
    const handler = fake.ipcHandlers.get(INVOKE_CHANNEL)!;
    await handler(frame(`${APP_ORIGIN}/`), 'settings.set', { language: 'ja' });
    const sent = FakeBrowserWindow.created[0]!.webContents.sent;
    expect(sent).toContainEqual([
      'reelsmith:event',
      'settings.changed',
      expect.objectContaining({ language: 'ja' }),
    ]);
  });
});

describe('files: show in folder and open', () => {
  const frame = { senderFrame: { url: `${APP_ORIGIN}/`, parent: null } };

  it('opens an exported file with the default app through shell.openPath', async () => {
    const fake = await started();
    const handler = fake.ipcHandlers.get(INVOKE_CHANNEL)!;
    const file = path.join(tempDir(), 'export.mp4');
    fs.writeFileSync(file, 'video');
    const handle = (await handler(frame, 'files.fromPath', { path: file })) as {
      ok: true;
      value: { id: string };
    };
    expect(handle.ok).toBe(true);
    const id = handle.value.id;
    expect(await handler(frame, 'files.open', { id })).toEqual({
      ok: true,
      value: { action: 'opened' },
    });
    expect(await handler(frame, 'files.reveal', { id })).toEqual({
      ok: true,
      value: { action: 'revealed' },
    });
    expect(fake.openedPaths).toEqual([file]);
    expect(fake.revealedPaths).toEqual([file]);
  });

  it('turns the OS refusing to open a file into a readable IO error naming where it is', async () => {
    const fake = await started();
    const handler = fake.ipcHandlers.get(INVOKE_CHANNEL)!;
    const file = path.join(tempDir(), 'odd.xyz');
    fs.writeFileSync(file, 'x');
    const handle = (await handler(frame, 'files.fromPath', { path: file })) as {
      value: { id: string };
    };
    fake.openPathResult = 'No application knows how to open this file';
    const result = (await handler(frame, 'files.open', { id: handle.value.id })) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('IO');
    expect(result.error.message).toContain('No application knows how to open this file');
    expect(result.error.message).toContain(file);
  });
});

describe('single instance', () => {
  it('quits when another instance holds the lock, and opens no window', () => {
    const fake = createFakeElectron({ singleInstance: false });
    expect(startElectronApp(fake.module, { outDir: outDir(), argv: [], env: {} })).toBe(false);
    expect(fake.app.quitCalled).toBe(true);
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });

  it('uses the shared data folder as userData', async () => {
    const fake = await started();
    expect(fake.app.paths.userData).toMatch(/reelsmith-test-/);
  });
});

describe('app:// protocol and CSP', () => {
  it('registers app:// as a standard secure scheme', async () => {
    const fake = await started();
    expect(fake.privilegedSchemes).toContainEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true }),
    });
    expect(fake.protocolHandlers.has('app')).toBe(true);
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const dir = outDir();
    const rendererDir = path.join(dir, 'renderer');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    const page = serveRendererFile(rendererDir, 'app://reelsmith/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.text()).toContain('<title>R</title>');
    expect(serveRendererFile(rendererDir, 'app://reelsmith/assets/a.js').status).toBe(200);
    expect(serveRendererFile(rendererDir, 'app://reelsmith/..%2fsecret.txt').status).toBe(404);
    expect(serveRendererFile(rendererDir, 'app://other/assets/a.js').status).toBe(404);
  });
});

describe('menu', () => {
  it('has the standard roles, and dev tools only when not packaged', () => {
    const roles = (template: Electron.MenuItemConstructorOptions[]) =>
      JSON.stringify(template, (key, value: unknown) => (key === 'click' ? undefined : value));
    const mac = menuTemplate('darwin', { isPackaged: true, openExternal: () => undefined });
    expect(mac.map((m) => m.role ?? m.label)).toEqual([
      'appMenu',
      'fileMenu',
      'editMenu',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(roles(mac)).not.toContain('toggleDevTools');
    const linux = menuTemplate('linux', { isPackaged: false, openExternal: () => undefined });
    expect(linux[0]?.role).toBe('fileMenu');
    expect(roles(linux)).toContain('toggleDevTools');
  });

  it('opens the docs in the OS browser', () => {
    const opened: string[] = [];
    const help = menuTemplate('linux', {
      isPackaged: true,
      openExternal: (url) => opened.push(url),
    }).at(-1)!;
    const item = (help.submenu as Electron.MenuItemConstructorOptions[])[0]!;
    (item.click as () => void)();
    expect(opened[0]).toMatch(/^https:\/\//);
  });
});
