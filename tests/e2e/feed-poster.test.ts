/**
 * Publishing without sharing the prompt, and the feed card's poster, in Chromium through a browser
 * shell pointed at a `reelsmith api` server: the publish form says the prompt stays private, the
 * API stores no prompt, the feed card shows the poster image (loaded from the API's storage, a
 * different origin than the shell) and says a remix starts blank, and Recreate makes a blank
 * project that keeps the lineage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointAtApi, signUpAndIn } from './helpers/account';
import { freePort, startApi, type ApiProcess } from './helpers/api';
import { launchChromium, openShellPage } from './helpers/chromium';
import { renderOfflineProject } from './helpers/cli';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
const ENV = { FFMPEG_BIN: '/usr/bin/ffmpeg' };
const PROMPT = 'a secret recipe for tomato soup';

let root: string;
let serverDir: string;
let api: ApiProcess;
let shell: ServeProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-poster-'));
  serverDir = path.join(root, 'server');
  const studio = path.join(root, 'studio');
  // A project generated and rendered offline before the shell takes the data folder.
  renderOfflineProject(studio, PROMPT, path.join(root, 'soup.mp4'));
  api = await startApi(serverDir, await freePort());
  shell = await startServe(studio, ENV);
  browser = await launchChromium();
  page = await openShellPage(browser, shell.url, pageErrors);
}, 900_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await (browser as Browser | undefined)?.close();
  if ((shell as ServeProcess | undefined) && shell.child.exitCode === null) await shell.stop();
  await (api as ApiProcess | undefined)?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Points the shell at the API, then signs up (and in). */
async function connectAndSignUp(email: string, username: string) {
  await pointAtApi(page, api.url);
  await signUpAndIn(page, { apiUrl: api.url, serverDataDir: serverDir, email, username });
}

describe('publish without the prompt; the feed card poster', () => {
  let title = '';

  it('publishes with the prompt kept private: the API stores none', async () => {
    await connectAndSignUp('cook@example.com', 'soup_cook');
    await page.getByRole('link', { name: 'Publish' }).click();
    const select = page.getByLabel('Rendered project');
    await select.waitFor();
    title = (await select.locator('option').nth(1).textContent()) ?? '';
    expect(title).not.toBe('');
    await select.selectOption({ label: title });
    const form = page.getByRole('form', { name: 'Publish details' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Share the prompt (others can Recreate from it)').uncheck();
    await form.getByText('The prompt stays private').waitFor();
    await form.getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('publish-result').waitFor({ timeout: 240_000 });
    const feed = (await (await fetch(`${api.url}/v1/feed`)).json()) as {
      videos: { title: string; prompt: string | null }[];
    };
    expect(feed.videos.map((v) => [v.title, v.prompt])).toEqual([[title, null]]);
  }, 300_000);

  it('the feed card shows the poster image and says a remix starts blank', async () => {
    await page.getByRole('link', { name: 'Feed', exact: true }).click();
    const card = page.getByTestId('video-card').filter({ hasText: title });
    await card.waitFor({ timeout: 30_000 });
    await card.getByTestId('prompt-not-shared').waitFor();
    const video = card.locator('video');
    const poster = await video.getAttribute('poster');
    expect(poster).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    // The poster loads under the page's CSP (another origin than the shell) and is not black.
    const luma = await page.evaluate<number>(`(async (src) => {
      const load = (cors) =>
        new Promise((resolve) => {
          const image = new Image();
          if (cors) image.crossOrigin = 'anonymous';
          image.onload = () => resolve(image);
          image.onerror = () => resolve(null);
          image.src = src;
        });
      const image = (await load(true)) ?? (await load(false));
      if (!image) return -1;
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 56;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0, 32, 56);
      try {
        const data = context.getImageData(0, 0, 32, 56).data;
        let sum = 0;
        for (let i = 0; i < data.length; i += 4)
          sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        return sum / (data.length / 4);
      } catch {
        return 255; // a tainted canvas (no CORS header) still proves the image loaded
      }
    })(${JSON.stringify(poster ?? '')})`);
    expect(luma).toBeGreaterThan(20);
    // The video itself loads too (metadata at least).
    await expect
      .poll(() => video.evaluate((v) => (v as unknown as { readyState: number }).readyState), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(RESULTS, 'feed-poster.png') });
  }, 120_000);

  it('Recreate makes a blank-prompt project that keeps the lineage, and says so', async () => {
    const card = page.getByTestId('video-card').filter({ hasText: title });
    await card.getByRole('button', { name: `Recreate ${title}` }).click();
    await page
      .getByText(/created with a blank prompt \(the creator did not share theirs\)/)
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS, 'feed-recreate-blank.png') });
  }, 60_000);
});
