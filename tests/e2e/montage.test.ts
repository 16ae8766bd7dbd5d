/**
 * The montage editor end to end in Chromium over the browser shell: upload three clips, generate,
 * check the strip, reorder it (buttons, keyboard, drag), preview a moment, choose the output and
 * render a proxy, checked with ffprobe.
 */
import { execFileSync } from 'node:child_process';
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
  it('imports three clips, generates, reorders, previews and renders a proxy', async () => {
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

    // Keyboard: Alt+← on the focused third card moves it to second place, focus follows.
    const third = (await labelsOf())[2] ?? '';
    await moments.nth(2).focus();
    await page.keyboard.press('Alt+ArrowLeft');
    expect((await labelsOf())[1]?.slice(3)).toBe(third.slice(3));
    expect(await page.locator(':focus').getAttribute('aria-label')).toMatch(/^2\. /);
    // Drag the first card onto the last.
    const dragged = (await labelsOf())[0] ?? '';
    await moments.first().dragTo(moments.last());
    expect((await labelsOf()).at(-1)?.slice(3)).toBe(dragged.slice(3));

    // Thumbnails arrive for every card.
    await expect
      .poll(() => page.locator('.moment-thumb img').count(), { timeout: 30_000 })
      .toBe(await moments.count());

    // Preview a moment through the render pipeline's single-frame preview.
    const firstLabel = (await labelsOf())[0] ?? '';
    await page.getByRole('button', { name: `Preview ${firstLabel}` }).click();
    const previewImage = page.getByRole('img', { name: /^Preview of moment 1/ });
    await previewImage.waitFor({ timeout: 60_000 });
    // A proxy-size (540×960) PNG: its height is in the IHDR chunk.
    const src = (await previewImage.getAttribute('src')) ?? '';
    const png = Buffer.from(src.split(',')[1] ?? '', 'base64');
    expect(png.readUInt32BE(20)).toBe(960);

    // Output: mute the clips, an intro card, vertical preset with the focus moved left.
    await page.getByLabel('Mute clip sound (music only)').check();
    await page.getByLabel('Intro title').fill('GG WP');
    await page.getByLabel('Output preset').selectOption('tiktok');
    await page.getByLabel('Focus left–right').fill('0.25');
    await page.screenshot({ path: path.join(RESULTS, 'montage-editor.png'), fullPage: true });

    await page.getByRole('button', { name: 'Render proxy preview' }).click();
    const status = page.getByTestId('render-status');
    await status.waitFor({ timeout: 30_000 });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/running|done/);
    await page.screenshot({
      path: path.join(RESULTS, 'montage-render-progress.png'),
      fullPage: true,
    });
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^done/);
    await page.getByRole('button', { name: /^Open preview/ }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'montage-render-done.png'), fullPage: true });

    const outputs = fs
      .readdirSync(path.join(dataDir, 'staging'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('preview.mp4'))
      .map((f) => path.join(dataDir, 'staging', f));
    expect(outputs).toHaveLength(1);
    const info = JSON.parse(
      execFileSync(
        'ffprobe',
        ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', outputs[0] ?? ''],
        { encoding: 'utf8' },
      ),
    ) as {
      streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
      format: { duration: string };
    };
    expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({
      codec_name: 'h264',
      width: 540,
      height: 960,
    });
    // 12.5 s of moments plus the 2 s intro card.
    expect(Number(info.format.duration)).toBeGreaterThan(13);
    expect(errors).toEqual([]);
    await page.close();
  });
});
