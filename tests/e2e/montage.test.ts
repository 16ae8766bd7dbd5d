/**
 * The montage editor end to end in Chromium over the browser shell: upload three clips, generate,
 * check the strip, reorder and edit it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsClip, silentClip } from '../../main/pipeline/montage/testing/fixture-clips';
import { launchChromium } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
let dataDir: string;
let clipsDir: string;
let serve: ServeProcess;
let browser: Browser;
let clips: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-e2e-'));
  clipsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-e2e-clips-'));
  clips = [
    eventsClip(clipsDir),
    silentClip(clipsDir),
    eventsClip(clipsDir, { burstS: 6.5, cutS: 3, name: 'second.mp4' }),
  ];
  serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg', REELSMITH_MONTAGE_CPUS: '2' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  if (serve.child.exitCode === null) await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(clipsDir, { recursive: true, force: true });
});

describe('montage editor in Chromium', () => {
  it('imports three clips, generates a montage and reorders its moments', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Montage' }).click();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add clips…' }).click();
    await (await chooser).setFiles(clips);
    await expect.poll(() => page.getByTestId('clip-item').count(), { timeout: 30_000 }).toBe(3);

    await page.getByLabel('Montage length (s)', { exact: true }).fill('12');
    await page.getByLabel('Moment length (s)', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Generate' }).click();
    const moments = page.getByTestId('moment');
    const labelsOf = async () =>
      Promise.all(
        (await moments.all()).map(async (m) => (await m.getAttribute('aria-label')) ?? ''),
      );
    await moments.first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('montage-total').textContent()).toMatch(/12\.0 s/);
    // Moments come from all three clips, and bursts are named as such.
    const labels = await labelsOf();
    for (const name of ['events.mp4', 'no-audio.mp4', 'second.mp4']) {
      expect(labels.some((l) => l.includes(name))).toBe(true);
    }
    expect(await page.getByText('loud burst').count()).toBeGreaterThan(0);

    // Reorder: the first moment moves to second place.
    const first = labels[0] ?? '';
    await page.getByRole('button', { name: `Move ${first} later` }).click();
    const after = await labelsOf();
    expect(after[1]?.slice(3)).toBe(first.slice(3));
    // Lengthen the (new) first moment by half a second.
    const firstNow = after[0] ?? '';
    await page.getByRole('button', { name: `Lengthen ${firstNow}` }).click();
    expect(await page.getByTestId('montage-total').textContent()).toMatch(/12\.5 s/);

    await page.screenshot({ path: path.join(RESULTS, 'montage-editor.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
