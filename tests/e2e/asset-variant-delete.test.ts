/**
 * Deleting asset variants in Chromium over the browser shell: the picked variant disappears with
 * an undo toast and the previous one is picked; Undo brings it back; once the undo window passes
 * (or the studio is left) the delete reaches the library and the master file leaves the media
 * store. With every variant gone the panel says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../main/services';
import { launchChromium } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
let dataDir: string;
let serve: ServeProcess;
let browser: Browser;

/** Master files in the media store. */
function storedObjects(): number {
  const objects = path.join(dataDir, 'media', 'objects');
  if (!fs.existsSync(objects)) return 0;
  return fs
    .readdirSync(objects, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile()).length;
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-'));
  // Three offline variants in the library before the studio opens.
  const services = createServices({ dataDir, shell: 'test', lock: false });
  try {
    await services.assets.generate({
      brief: {
        assetType: 'twitch_emote',
        subject: 'a fox giving a thumbs up',
        style: 'bold cartoon',
        text: '',
        colors: [],
      },
      count: 3,
      provider: 'offline',
    });
  } finally {
    await services.close();
  }
  serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser.close();
  if (serve.child.exitCode === null) await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const earlierCount = (page: Page) =>
  page.getByRole('radio', { name: /^Earlier variant \d$/ }).count();
const checked = (page: Page, name: string) => page.getByRole('radio', { name }).isChecked();

describe('deleting asset variants in Chromium', () => {
  it('delete with undo, then for real: the file leaves the store; none left is said', async () => {
    expect(storedObjects()).toBe(3);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Assets' }).click();
    await page.getByRole('radio', { name: 'Earlier variant 3' }).waitFor({ timeout: 30_000 });
    expect(await earlierCount(page)).toBe(3);

    // Delete the middle one: gone from the grid at once, the previous one picked, undo offered.
    await page.getByRole('radio', { name: 'Earlier variant 2' }).check({ force: true });
    await page.getByRole('button', { name: 'Delete variant' }).click();
    await expect.poll(() => earlierCount(page)).toBe(2);
    await page.getByText('Deleted variant 2 of “a fox giving a thumbs up”').waitFor();
    await expect.poll(() => checked(page, 'Earlier variant 1')).toBe(true);
    await page.screenshot({
      path: path.join(RESULTS, 'asset-variant-deleted.png'),
      fullPage: true,
    });

    // Undo: back, picked again, nothing left the store.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => earlierCount(page)).toBe(3);
    await expect.poll(() => checked(page, 'Earlier variant 2')).toBe(true);
    expect(storedObjects()).toBe(3);

    // Delete it again and let the undo window pass: the library and the store lose it.
    await page.getByRole('button', { name: 'Delete variant' }).click();
    await expect.poll(() => earlierCount(page)).toBe(2);
    await expect.poll(storedObjects, { timeout: 30_000 }).toBe(2);
    await page.reload();
    await page.getByRole('radio', { name: 'Earlier variant 2' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => earlierCount(page)).toBe(2);

    // Delete the rest: the first has no previous, so the next one is picked; then none is left.
    await page.getByRole('radio', { name: 'Earlier variant 1' }).check({ force: true });
    await page.getByRole('button', { name: 'Delete variant' }).click();
    await expect.poll(() => earlierCount(page)).toBe(1);
    await expect.poll(() => checked(page, 'Earlier variant 1')).toBe(true);
    await page.getByRole('button', { name: 'Delete variant' }).click();
    await page.getByTestId('no-variants').waitFor();
    expect(await earlierCount(page)).toBe(0);
    expect(await page.getByRole('button', { name: 'Export all sizes' }).count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'asset-variants-none.png'), fullPage: true });

    // Leaving the studio confirms the pending deletes at once.
    await page.getByRole('link', { name: 'Projects' }).click();
    await expect.poll(storedObjects, { timeout: 30_000 }).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
