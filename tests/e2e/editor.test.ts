/**
 * The editor end to end in Chromium over the browser shell, offline provider: a project from
 * an idea, a caption word edited, two segments reordered and the reorder undone, an export
 * with the proxy preset checked by ffprobe; delete + undo on the home screen; a failing
 * provider explained in plain words. Screenshots go to test-results/, axe-core checks each
 * screen.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe';
import { launchChromium } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
let dataDir: string;
let serve: ServeProcess;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-editor-'));
  serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
  browser = await launchChromium();
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser.close();
  if (serve.child.exitCode === null) await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The parts of an <img> the checks read (the test's tsconfig has no DOM types). */
interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
}

async function expectAccessible(page: Page, screen: string) {
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
}

async function segmentIds(page: Page): Promise<string[]> {
  const items = await page.getByTestId('segment-item').all();
  return Promise.all(items.map(async (i) => (await i.getAttribute('data-segment-id')) ?? ''));
}

async function waitSaved(page: Page) {
  // Generous: the machine running the tests may be busy (renders of frames compete for it).
  await expect
    .poll(() => page.getByTestId('save-state').textContent(), { timeout: 20_000 })
    .toBe('Saved');
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('editor in Chromium', () => {
  let projectUrl = '';
  let title = '';

  it('goes from an idea to an exported video, with a caption edit and an undone reorder', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(serve.url);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await expectAccessible(page, 'projects home (empty)');

    await page.getByRole('link', { name: 'New from idea' }).click();
    await page.getByLabel('What is it about?').fill('Three surprising facts about octopuses');
    await page.getByLabel('Length (seconds)').fill('15');
    await expectAccessible(page, 'idea wizard');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('heading', { name: 'Making your video' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'editor-wizard-progress.png') });
    await expectAccessible(page, 'wizard progress');

    // Lands in the editor once every stage is done.
    await page.waitForURL(/#\/projects\/(?!new)[^/?]+$/, { timeout: 90_000 });
    await page.getByTestId('segment-item').first().waitFor();
    projectUrl = page.url();
    title = await page.getByLabel('Project title').inputValue();
    const ids = await segmentIds(page);
    expect(ids.length).toBeGreaterThanOrEqual(2);

    // Edit a caption word of the first segment: its text changes, its timing stays.
    const firstWord = page.getByRole('button', { name: /^Edit word 1: / });
    const oldWord = (await firstWord.textContent()) ?? '';
    await firstWord.click();
    await page.getByLabel('Text of word 1').fill('Octopodes');
    await page.getByLabel('Text of word 1').press('Enter');
    await expect
      .poll(() => page.getByRole('button', { name: 'Edit word 1: Octopodes' }).count())
      .toBe(1);
    expect(oldWord).not.toBe('Octopodes');
    await waitSaved(page);

    // Reorder two segments, then undo with the keyboard.
    await page.getByRole('button', { name: 'Move Segment 1 down' }).click();
    await expect.poll(() => segmentIds(page)).toEqual([ids[1], ids[0], ...ids.slice(2)]);
    await waitSaved(page);
    // Focus nothing typeable (the shortcut is ignored while typing), then undo.
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { activeElement: { blur?: () => void } | null } }
      ).document;
      doc.activeElement?.blur?.();
    });
    await page.keyboard.press('Control+z');
    await expect.poll(() => segmentIds(page), { timeout: 15_000 }).toEqual(ids);
    await waitSaved(page);

    // Both survive a reload: the edit and the undone reorder are saved, and redo still works.
    await page.reload();
    await page.getByTestId('segment-item').first().waitFor();
    expect(await segmentIds(page)).toEqual(ids);
    expect(await page.getByRole('button', { name: 'Edit word 1: Octopodes' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Redo' }).isEnabled()).toBe(true);
    // The preview shows the frame under the playhead.
    await page.getByRole('img', { name: /^Frame at / }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS, 'editor.png') });
    await expectAccessible(page, 'editor');

    // Caption style: choosing Pop shows a real rendered frame in that style (loading, then ready).
    const stylePreview = page.getByTestId('caption-style-preview');
    await expect
      .poll(() => stylePreview.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ready');
    await page.getByRole('radio', { name: 'Pop' }).check();
    await expect.poll(() => stylePreview.getAttribute('data-state')).not.toBe('ready');
    await expect
      .poll(() => stylePreview.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('ready');
    const styleImage = page.getByRole('img', { name: /^Pop captions on a rendered frame at / });
    await styleImage.waitFor();
    // "ready" means the frame's URL is known; the image itself may still be loading.
    await expect
      .poll(() => styleImage.evaluate((img) => (img as unknown as LoadedImage).naturalWidth), {
        timeout: 30_000,
      })
      .toBeGreaterThan(100);
    await stylePreview.screenshot({ path: path.join(RESULTS, 'editor-caption-style.png') });
    await waitSaved(page);

    // Music: one of the app's own tracks, synthesised on demand.
    await page.getByLabel('App track').selectOption('lofi-beat');
    await page.getByRole('button', { name: 'Use this track' }).click();
    await page.getByText('Lo-fi beat', { exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByLabel(/^Volume /).count()).toBe(1);
    await waitSaved(page);
    await page.locator('.music-panel').screenshot({ path: path.join(RESULTS, 'editor-music.png') });
    await expectAccessible(page, 'editor with style preview and music');

    // Export with the proxy preset; the browser shell offers the file as a download.
    await page.getByLabel('Preset').selectOption('proxy');
    await page.getByRole('button', { name: 'Export video…' }).click();
    await page.getByTestId('export-done').waitFor({ timeout: 90_000 });
    // "Open" shows the finished video in a new tab, inline rather than as a download. The tab
    // is recorded instead of opened: this Chromium build has no H.264 decoder, so it would turn
    // the inline video into a download and close the tab.
    await page.evaluate(() => {
      const w = globalThis as unknown as {
        opened: string[];
        open: (url: string) => { opener: unknown };
      };
      w.opened = [];
      w.open = (url: string) => {
        w.opened.push(url);
        return { opener: w };
      };
    });
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { opened: string[] }).opened))
      .toHaveLength(1);
    const opened = await page.evaluate(async () => {
      const url = (globalThis as unknown as { opened: string[] }).opened[0] ?? '';
      const response = await fetch(url);
      return {
        url,
        disposition: response.headers.get('content-disposition') ?? '',
        type: response.headers.get('content-type') ?? '',
        bytes: (await response.arrayBuffer()).byteLength,
      };
    });
    expect(opened.url).toMatch(/^\/files\/[A-Za-z0-9-]+\?inline=1$/);
    expect(opened.disposition).toMatch(/^inline; /);
    expect(opened.type).toBe('video/mp4');
    expect(opened.bytes).toBeGreaterThan(10_000);
    await page.getByRole('button', { name: 'Show in folder' }).click();
    const link = page.getByRole('link', { name: /^Download / });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    const base64 = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    }, href);
    const file = path.join(dataDir, 'exported.mp4');
    fs.writeFileSync(file, Buffer.from(base64, 'base64'));
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    const probe = JSON.parse(
      execFileSync('/usr/bin/ffprobe', [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_type,width,height:format=duration',
        '-of',
        'json',
        file,
      ]).toString(),
    ) as {
      streams: { codec_type: string; width?: number; height?: number }[];
      format: { duration: string };
    };
    const videoStream = probe.streams.find((s) => s.codec_type === 'video');
    expect(videoStream?.width).toBe(540);
    expect(videoStream?.height).toBe(960);
    expect(probe.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    expect(Number(probe.format.duration)).toBeGreaterThan(5);
    // The music bed is in the mix: the lo-fi track's kick and bass fill the band under 120 Hz,
    // where the offline narration has next to nothing.
    const lows = spawnSync(
      '/usr/bin/ffmpeg',
      [
        '-hide_banner',
        '-nostats',
        '-i',
        file,
        '-vn',
        '-af',
        'lowpass=f=120,lowpass=f=120,volumedetect',
        '-f',
        'null',
        '-',
      ],
      { encoding: 'utf8' },
    ).stderr;
    const lowDb = Number(/mean_volume:\s*(-?[\d.]+) dB/.exec(lows)?.[1] ?? -91);
    expect(lowDb).toBeGreaterThan(-40);
    await page.screenshot({ path: path.join(RESULTS, 'editor-export.png'), fullPage: true });
    await expectAccessible(page, 'editor after export');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('deletes a project and brings it back with the undo toast', async () => {
    const page = await context.newPage();
    await page.goto(serve.url);
    const cards = page.getByTestId('project-card');
    await cards.first().waitFor();
    const before = await cards.count();
    // Real thumbnails: the first picture of the project, a small cached JPEG.
    const thumb = page.getByTestId('project-thumbnail').first();
    await thumb.waitFor();
    await expect
      .poll(() =>
        thumb.evaluate((img) => {
          const loaded = img as unknown as LoadedImage;
          return loaded.complete ? loaded.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(50);
    expect(await thumb.getAttribute('src')).toMatch(/^\/media\/thumbs\/[0-9a-f]{64}\.jpg$/);
    await page.screenshot({ path: path.join(RESULTS, 'editor-home.png') });
    await expectAccessible(page, 'projects home');
    await page.getByRole('button', { name: `Delete ${title}` }).click();
    await expect.poll(() => cards.count()).toBe(before - 1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cards.count()).toBe(before);
    await page.getByText(`Restored “${title}”`).waitFor();
    expect(projectUrl).toContain('#/projects/');
    await page.close();
  });

  it('explains a failing provider in plain words, with a retry', async () => {
    const page = await context.newPage();
    await page.goto(serve.url);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect
      .poll(() => page.getByTestId('settings-ffmpeg').textContent())
      .toMatch(/^Using \d+\.\d+/);
    expect(await page.getByLabel(/^Offline: /).isChecked()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'editor-settings.png'), fullPage: true });
    await expectAccessible(page, 'settings');
    const url = page.getByLabel(/^Server URL/);
    await url.fill(`http://127.0.0.1:${String(await closedPort())}/v1`);
    await url.press('Enter');
    await page.getByText('Settings saved').first().waitFor();
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'New from idea' }).click();
    await page.getByLabel('What is it about?').fill('Why cats sleep so much');
    await page.getByLabel('OpenAI-compatible server (Settings)').check();
    await page.getByRole('button', { name: 'Generate' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Generation stopped' });
    await alert.waitFor({ timeout: 90_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).not.toMatch(/\bat \S+:\d+/);
    expect(text).not.toContain('Error:');
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'editor-provider-error.png') });
    await page.close();
  });
});
