/**
 * More of the social screens in Chromium against one browser shell and one `reelsmith api`:
 * changing the avatar through the browser's file picker (the new image is served on the account
 * and profile pages), and the credits ledger paginated with "Load more".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCredits } from '../../server/src/credits/repository';
import { openDatabase } from '../../server/src/db/connect';
import { freePort, startApi, tokenFromOutbox, type ApiProcess } from './helpers/api';
import { launchChromium } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
const ENV = { FFMPEG_BIN: '/usr/bin/ffmpeg' };
const PASSWORD = 'correct horse battery';
const EMAIL = 'cleo@example.com';
const USERNAME = 'cleo_tests';

let root: string;
let serverDir: string;
let apiPort: number;
let api: ApiProcess | undefined;
let shell: ServeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-social-more-'));
  serverDir = path.join(root, 'server');
  apiPort = await freePort();
  api = await startApi(serverDir, apiPort);
  shell = await startServe(path.join(root, 'app'), ENV);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The shell starts its embedded API on the first call: slow on a busy machine.
  await page.goto(shell.url, { timeout: 180_000 });
}, 600_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  if (shell && shell.child.exitCode === null) await shell.stop();
  await api?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The natural widths of the avatar images with this alt text on the page (0: not decoded). */
function avatarWidths(): Promise<number[]> {
  return page.getByRole('img', { name: `${USERNAME}'s avatar` }).evaluateAll((imgs) =>
    imgs.map((img) => {
      // The initial stand-in is a <span role="img">: no naturalWidth, counted as 0.
      const { naturalWidth } = img as unknown as { naturalWidth?: number };
      return naturalWidth ?? 0;
    }),
  );
}

describe('social screens: avatar and credits ledger', () => {
  it('signs up, changes the avatar through the file picker, and the new image is served', async () => {
    if (!api) throw new Error('api did not start');
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByText('Sync server and uploads').click();
    await page.getByLabel('Sync server URL').fill(api.url);
    await page.getByRole('button', { name: 'Save sync settings' }).click();
    await page.getByText('Sync settings saved').waitFor();
    await page
      .getByRole('group', { name: 'Account action' })
      .getByRole('button', { name: 'Create account' })
      .click();
    const signup = page.getByRole('form', { name: 'Create account' });
    await signup.getByLabel('Email').fill(EMAIL);
    await signup.getByLabel('Username').fill(USERNAME);
    await signup.getByLabel('Password').fill(PASSWORD);
    await signup.getByRole('button', { name: 'Create account' }).click();
    const verify = page.getByRole('form', { name: 'Verify email' });
    await verify.waitFor();
    const token = await tokenFromOutbox(serverDir, EMAIL, 'verify-email');
    await verify.getByLabel('Verification code or link').fill(token);
    await verify.getByRole('button', { name: 'Verify email' }).click();
    const signin = page.getByRole('form', { name: 'Sign in' });
    await signin.waitFor();
    await signin.getByLabel('Email').fill(EMAIL);
    await signin.getByLabel('Password').fill(PASSWORD);
    await signin.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('credits-balance').waitFor({ timeout: 15_000 });

    // No avatar yet: the initial stands in (not an <img>).
    await page.getByRole('button', { name: 'Change avatar…' }).waitFor();
    expect(await page.locator('img.avatar').count()).toBe(0);

    const image = path.join(root, 'avatar.png');
    await sharp({ create: { width: 120, height: 120, channels: 3, background: '#00bcd4' } })
      .png()
      .toFile(image);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Change avatar…' }).click();
    await (await chooser).setFiles(image);
    await page.getByText('Profile saved').waitFor({ timeout: 60_000 });
    // Exactly one avatar image on the account page, decoded from what the server serves.
    await expect.poll(async () => (await avatarWidths()).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await avatarWidths())[0] ?? 0).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Remove avatar' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'social-more-avatar.png') });

    // My public profile shows the same served image.
    await page.getByRole('link', { name: 'View my public profile' }).click();
    await page
      .getByRole('heading', { name: new RegExp(USERNAME) })
      .first()
      .waitFor();
    await expect
      .poll(async () => (await avatarWidths())[0] ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS, 'social-more-profile-avatar.png') });
  }, 300_000);

  it('pages the credits ledger: "Load more" shows the older lines, none twice', async () => {
    // 24 grants written into the API's own database while it is stopped (plus the signup grant):
    // two pages of the 20-line ledger.
    await api?.stop();
    api = undefined;
    const open = await openDatabase({ pgliteDir: path.join(serverDir, 'pglite') });
    try {
      const user = await open.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', EMAIL)
        .executeTakeFirstOrThrow();
      for (let i = 1; i <= 24; i++)
        await applyCredits(
          open.db,
          user.id,
          i,
          `test grant ${String(i)}`,
          `test-grant-${String(i)}`,
        );
    } finally {
      await open.close();
    }
    api = await startApi(serverDir, apiPort);

    await page.getByRole('link', { name: 'Account', exact: true }).click();
    const ledger = page.getByRole('table', { name: 'Credits ledger' });
    const reasons = () => ledger.locator('tbody tr td:nth-child(2)').allTextContents();
    // Newest first: the last grant heads the first page.
    await expect.poll(async () => (await reasons())[0], { timeout: 60_000 }).toBe('test grant 24');
    expect(await reasons()).toHaveLength(20);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(async () => (await reasons()).length, { timeout: 30_000 }).toBe(25);
    const all = await reasons();
    expect(new Set(all).size).toBe(25);
    expect(all.slice(20)).toEqual([
      'test grant 4',
      'test grant 3',
      'test grant 2',
      'test grant 1',
      'signup grant',
    ]);
    // Everything is loaded: no more button.
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'social-more-ledger.png'), fullPage: true });
  }, 300_000);

  it('uploads panel: pauses, resumes and cancels an upload, per item and for all', async () => {
    // A slow upload: a 16 KiB/s limit and a noisy (incompressible) ~300 KB avatar.
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByText('Sync server and uploads').click();
    await page.getByLabel('Upload limit (KiB/s, 0 = none)').fill('16');
    await page.getByRole('button', { name: 'Save sync settings' }).click();
    await page.getByText('Sync settings saved').first().waitFor();
    const noise = Buffer.alloc(320 * 320 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256);
    const image = path.join(root, 'slow-avatar.png');
    await sharp(noise, { raw: { width: 320, height: 320, channels: 3 } })
      .png()
      .toFile(image);
    expect(fs.statSync(image).size).toBeGreaterThan(250_000);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Change avatar…' }).click();
    await (await chooser).setFiles(image);

    await page.getByTestId('uploads-indicator').click();
    const dialog = page.getByRole('dialog', { name: 'Uploads' });
    const item = dialog.getByTestId('queue-item').first();
    const state = item.getByTestId('queue-state');
    const all = dialog.getByRole('group', { name: 'All uploads' });
    await expect
      .poll(() => state.textContent(), { timeout: 30_000 })
      .toMatch(/queued|initiating|uploading/);

    // Per item.
    await item.getByRole('button', { name: /^Pause / }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('paused');
    await item.getByRole('button', { name: /^Resume / }).click();
    await expect
      .poll(() => state.textContent(), { timeout: 30_000 })
      .toMatch(/queued|initiating|uploading/);
    // For all.
    await all.getByRole('button', { name: 'Pause all' }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('paused');
    await page.screenshot({ path: path.join(RESULTS, 'social-more-uploads-paused.png') });
    await all.getByRole('button', { name: 'Resume all' }).click();
    await expect
      .poll(() => state.textContent(), { timeout: 30_000 })
      .toMatch(/queued|initiating|uploading/);
    // Cancel: the item ends cancelled, nothing is left to act on, the avatar is unchanged.
    await item.getByRole('button', { name: /^Cancel / }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('cancelled');
    expect(await item.getByRole('button').count()).toBe(0);
    expect(await all.getByRole('button', { name: 'Cancel all' }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'social-more-uploads-cancelled.png') });
    await page.getByRole('button', { name: 'Close uploads' }).click();
  }, 300_000);
});
