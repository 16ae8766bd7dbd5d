/**
 * The asset studio end to end in Chromium over the browser shell: create a brand kit (three
 * logos uploaded through the browser's file input, a TTF imported), chat with the offline coach
 * until it has a brief, generate emote variants, pick one and export all three sizes — the files
 * are read back from the shell's staging folder. Then a panel carries the icon logo top left,
 * and after a restart of the shell the earlier variants are listed and exported again.
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
const BLACK_TTF = path.resolve(
  'node_modules/@expo-google-fonts/noto-sans/900Black/NotoSans_900Black.ttf',
);
let dataDir: string;
let fixtures: string;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-e2e-'));
  fixtures = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-'));
  serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  if (serve.child.exitCode === null) await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(fixtures, { recursive: true, force: true });
});

/** A solid logo picture in one colour. */
async function logo(name: string, colour: string, width: number, height: number) {
  const file = path.join(fixtures, name);
  await sharp({ create: { width, height, channels: 4, background: colour } })
    .png()
    .toFile(file);
  return file;
}

/** Share of pixels in a box of a PNG file within 40 levels of an RGB colour. */
async function shareNear(
  file: string,
  box: { left: number; top: number; width: number; height: number },
  rgb: [number, number, number],
): Promise<number> {
  const { data, info } = await sharp(file)
    .extract(box)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += info.channels)
    if (rgb.every((v, c) => Math.abs((data[i + c] ?? 0) - v) <= 40)) hits++;
  return hits / (info.width * info.height);
}

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
    // Logos through the browser's file input, imported into the media store, previewed.
    const logos = {
      primary: await logo('primary.png', '#ff6d00', 300, 120),
      icon: await logo('icon.png', '#00ff00', 64, 64),
      wordmark: await logo('wordmark.png', '#2979ff', 400, 80),
    };
    for (const [slot, file] of Object.entries(logos)) {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: `Upload ${slot} logo` }).click();
      await (await chooser).setFiles(file);
      await page.getByRole('button', { name: `Replace ${slot} logo` }).waitFor();
    }
    await expect
      .poll(() =>
        page
          .locator('img.logo-preview')
          .evaluateAll((imgs) =>
            imgs.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
          ),
      )
      .toEqual([300, 64, 400]);
    // A font: a picture is refused with the reason; a TTF becomes the heading font.
    const badFont = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import font (TTF/OTF)' }).click();
    await (await badFont).setFiles(logos.icon);
    await page.getByText(/icon\.png is not a usable font/).waitFor();
    const font = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import font (TTF/OTF)' }).click();
    await (await font).setFiles(BLACK_TTF);
    await page.getByText('Imported Noto Sans Black').waitFor();
    expect(await page.getByLabel('Heading font').inputValue()).toBe('Noto Sans Black');
    await page.getByRole('button', { name: 'Create brand kit' }).click();
    await page.getByText('Saved').waitFor();
    await page
      .locator('.assets-brand')
      .screenshot({ path: path.join(RESULTS, 'brand-kit-editor.png') });
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

    // A panel: the kit's icon logo goes top left, inside the 5 % safe area.
    await page.getByRole('radio', { name: /Twitch panel/ }).check();
    await page.getByLabel('Number of variants').fill('1');
    await page.getByRole('button', { name: 'Generate variants' }).click();
    await expect
      .poll(() => page.getByRole('img', { name: /^Variant \d$/ }).count(), { timeout: 60_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Export all sizes' }).click();
    await page
      .getByTestId('exported-file')
      .filter({ hasText: 'twitch_panel_320x160.png' })
      .waitFor({ timeout: 60_000 });
    const panel = stagedFiles().get('twitch_panel_320x160.png') ?? '';
    // The logo is 22 px high (14 % of 160) from (16, 8); the middle of it is pure icon green.
    expect(
      await shareNear(panel, { left: 20, top: 12, width: 12, height: 12 }, [0, 255, 0]),
    ).toBeGreaterThan(0.9);
    expect(errors).toEqual([]);
    await page.close();

    // Restart the shell on the same data folder: the kit and the variants are still there.
    await serve.stop();
    serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
    const again = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    again.on('pageerror', (error) => errors.push(error.message));
    await again.goto(serve.url);
    await again.getByRole('link', { name: 'Assets' }).click();
    await again.getByRole('radio', { name: 'Earlier variant 1' }).waitFor({ timeout: 30_000 });
    expect(await again.getByRole('radio', { name: /^Earlier variant \d$/ }).count()).toBe(3);
    const kitId = await again
      .getByRole('combobox', { name: 'Brand kit' })
      .locator('option', { hasText: 'Neon Fox' })
      .getAttribute('value');
    await again.getByRole('combobox', { name: 'Brand kit' }).selectOption(kitId ?? '');
    await again.getByRole('img', { name: 'Icon logo' }).waitFor();
    // The newest is the panel; picking the second emote exports its three sizes again.
    await again.getByRole('radio', { name: 'Earlier variant 2' }).check({ force: true });
    await again.getByRole('button', { name: 'Export all sizes' }).click();
    await expect
      .poll(() => again.getByTestId('exported-file').count(), { timeout: 60_000 })
      .toBe(3);
    await again
      .getByTestId('exported-file')
      .filter({ hasText: 'twitch_emote_28x28.png' })
      .waitFor();
    await again.screenshot({
      path: path.join(RESULTS, 'asset-studio-after-restart.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await again.close();
  }, 300_000);
});
