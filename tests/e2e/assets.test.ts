/**
 * The asset studio end to end in Chromium over the browser shell: create a brand kit, chat with
 * the offline coach until it has a brief, generate emote variants, pick one and export all three
 * sizes — the files are read back from the shell's staging folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Every file under the staging folder with its name. */
function stagedFiles(): Map<string, string> {
  const found = new Map<string, string>();
  const staging = path.join(dataDir, 'staging');
  for (const dir of fs.readdirSync(staging)) {
    for (const name of fs.readdirSync(path.join(staging, dir)))
      found.set(name, path.join(staging, dir, name));
  }
  return found;
}

describe('asset studio in Chromium', () => {
  it('brand kit → offline coach → emote variants → export of all three sizes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Assets' }).click();
    await page.getByRole('heading', { name: 'Asset studio' }).waitFor();

    // Brand kit.
    await page.getByLabel('Kit name').fill('Neon Fox');
    await page.getByLabel('Primary colour').fill('#e91e63');
    await page.getByLabel('Secondary colour').fill('#1e88e5');
    await page.getByLabel('Tone of voice').fill('Hype but kind.');
    await page.getByRole('button', { name: 'Create brand kit' }).click();
    await page.getByText('Saved').waitFor();
    expect(await page.getByRole('combobox', { name: 'Brand kit' }).inputValue()).not.toBe('');

    // The type picker shows the emote rules.
    expect(await page.getByTestId('asset-rules').textContent()).toMatch(
      /112×112, 56×56, 28×28 px · PNG · transparent · max 1 MB/,
    );

    // Coach (offline guided flow).
    const say = async (text: string, expectReply: RegExp) => {
      const before = await page.getByTestId('chat-assistant').count();
      await page.getByLabel('Message to the coach').fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => page.getByTestId('chat-assistant').count(), { timeout: 15_000 })
        .toBe(before + 1);
      expect(await page.getByTestId('chat-assistant').last().textContent()).toMatch(expectReply);
    };
    await say('a fox giving a thumbs up', /What style/);
    await say('skip', /Any text/);
    await say('GG', /#e91e63/);
    await say('brand', /Here is the brief/);
    const brief = page.getByTestId('brief');
    await brief.waitFor();
    expect(await brief.getByLabel('Text on image').inputValue()).toBe('GG');
    await page.getByText('What the coach looked up').click();
    await page.getByText('Palette: primary #e91e63').waitFor();

    // Variants.
    await page.getByLabel('Number of variants').fill('2');
    await page.getByRole('button', { name: 'Generate variants' }).click();
    await expect
      .poll(() => page.getByRole('img', { name: /^Variant \d$/ }).count(), { timeout: 60_000 })
      .toBe(2);
    await page.getByRole('radio', { name: 'Variant 2' }).check({ force: true });

    // Export all sizes.
    await page.getByRole('button', { name: 'Export all sizes' }).click();
    await expect.poll(() => page.getByTestId('exported-file').count(), { timeout: 60_000 }).toBe(3);
    await page.screenshot({ path: path.join(RESULTS, 'asset-studio.png'), fullPage: true });

    const files = stagedFiles();
    for (const side of [112, 56, 28]) {
      const name = `twitch_emote_${String(side)}x${String(side)}.png`;
      const file = files.get(name);
      expect(file, name).toBeDefined();
      const meta = await sharp(file ?? '').metadata();
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual([
        'png',
        side,
        side,
        true,
      ]);
      expect(fs.statSync(file ?? '').size).toBeLessThanOrEqual(1_000_000);
    }
    // The download button opens a token-checked URL that serves the file.
    // (Runs in the page; tests are typed for Node, so the window is reached through globalThis.)
    await page.evaluate(() => {
      const w = globalThis as unknown as { lastOpened?: string; open: (u: string) => null };
      w.open = (u) => {
        w.lastOpened = u;
        return null;
      };
    });
    await page.getByRole('button', { name: 'Download twitch_emote_28x28.png' }).click();
    const opened = () =>
      page.evaluate(() => (globalThis as unknown as { lastOpened?: string }).lastOpened ?? '');
    await expect.poll(opened).toMatch(/\S/);
    const response = await page.request.get(new URL(await opened(), serve.url).toString());
    expect(response.status()).toBe(200);
    expect((await sharp(await response.body()).metadata()).width).toBe(28);
    expect(errors).toEqual([]);
    await page.close();
  });
});
