/**
 * The browser shell end to end: the built CLI serves the built renderer, Chromium opens the
 * printed URL and the System page reports the ffmpeg version from main.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchChromium } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
let dataDir: string;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-e2e-'));
  serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  if (serve.child.exitCode === null) await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('browser shell in Chromium', () => {
  it('shows the System page with the ffmpeg version reported by main', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    // The token is moved into an HttpOnly cookie and removed from the address bar.
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByRole('link', { name: 'System' }).click();
    const version = page.getByTestId('ffmpeg-version');
    await version.waitFor({ timeout: 15_000 });
    expect(await version.textContent()).toMatch(/^ffmpeg \d+\.\d+/);
    expect(await page.getByTestId('ffprobe-version').textContent()).toMatch(/^ffprobe \d/);
    expect(await page.getByText(dataDir).count()).toBe(1);
    await page.screenshot({ path: path.join(RESULTS, 'system-page.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves a setting through the WebSocket and keeps it after a reload', async () => {
    const page = await browser.newPage();
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('de');
    await page.getByText('Settings saved').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Language').inputValue()).toBe('de');
    await page.screenshot({ path: path.join(RESULTS, 'settings-page.png') });
    // Settings live in the library database (WAL: readable while the shell runs).
    const db = new SqliteDatabase(path.join(dataDir, 'library.sqlite'), { readonly: true });
    const saved = db.prepare("select value_json from settings where key = 'language'").get() as {
      value_json: string;
    };
    db.close();
    expect(JSON.parse(saved.value_json)).toBe('de');
    await page.close();
  });

  it('answers 401 to the same URL without the token', async () => {
    const base = `http://127.0.0.1:${String(serve.port)}/`;
    expect((await fetch(base)).status).toBe(401);
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(base);
    expect(response?.status()).toBe(401);
    await context.close();
  });

  it('refuses a WebSocket without the token', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${String(serve.port)}/rpc`);
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode));
      ws.once('open', () => reject(new Error('socket opened without a token')));
      ws.once('error', () => resolve(undefined));
    });
    expect(status).toBe(401);
  });

  it('tells a second process which instance holds the data folder', async () => {
    const second = await startServe(dataDir).then(
      (s) => ({ ok: true as const, s }),
      (error: unknown) => ({ ok: false as const, message: (error as Error).message }),
    );
    if (second.ok) {
      await second.s.stop();
      throw new Error('a second browser shell opened a locked data folder');
    }
    expect(second.message).toContain('in use by Reelsmith browser shell');
    expect(second.message).toContain(`pid ${String(serve.child.pid)}`);
  });

  it('stops cleanly on SIGTERM and releases the data folder', async () => {
    expect(await serve.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'reelsmith.lock'))).toBe(false);
  });
});
