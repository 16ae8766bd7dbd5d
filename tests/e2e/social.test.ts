/**
 * The social half end to end: two browser shells (separate data folders, so separate sessions)
 * pointed at one `reelsmith api` server, driven in Chromium.
 *
 * A signs up (token from the API's outbox), publishes a project rendered offline; B signs up,
 * sees it in the feed, likes it (1, still 1 after a reload), watches it 3 s (1 view), remixes it
 * (a new local project with A's prompt and lineage); the leaderboard lists A first and A's
 * profile shows the like. Then the network is cut mid-publish (bandwidth limit, API stopped and
 * started again): the upload resumes and exactly one video results.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApi, tokenFromOutbox, type ApiProcess } from './helpers/api';
import { launchChromium } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
const BIN = path.resolve('bin/reelsmith.js');
const ENV = { FFMPEG_BIN: '/usr/bin/ffmpeg' };
const PASSWORD = 'correct horse battery';
const PROMPT = 'three facts about octopuses';

let root: string;
let serverDir: string;
let apiPort: number;
let api: ApiProcess;
let browser: Browser;
const shells: { a?: ServeProcess; b?: ServeProcess } = {};
let dirA: string;
let dirB: string;
const pageErrors: string[] = [];

/** Runs the CLI against a data folder (no shell may hold it) and parses its --json output. */
function cli(dataDir: string, args: string[]): string {
  const run = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dataDir], {
    env: { ...process.env, ...ENV },
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`reelsmith ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

async function openShell(serve: ServeProcess): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The shell starts its embedded API on the first call: slow on a busy machine.
  await page.goto(serve.url, { timeout: 180_000 });
  return page;
}

async function pointAtApi(page: Page, uploadLimitKiBps = 0) {
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByText('Sync server and uploads').click();
  await page.getByLabel('Sync server URL').fill(api.url);
  await page.getByLabel('Upload limit (KiB/s, 0 = none)').fill(String(uploadLimitKiBps));
  await page.getByRole('button', { name: 'Save sync settings' }).click();
  await page.getByText('Sync settings saved').waitFor();
}

async function signUpAndIn(page: Page, email: string, username: string) {
  await page
    .getByRole('group', { name: 'Account action' })
    .getByRole('button', { name: 'Create account' })
    .click();
  const signup = page.getByRole('form', { name: 'Create account' });
  await signup.getByLabel('Email').fill(email);
  await signup.getByLabel('Username').fill(username);
  await signup.getByLabel('Password').fill(PASSWORD);
  await signup.getByRole('button', { name: 'Create account' }).click();
  const verify = page.getByRole('form', { name: 'Verify email' });
  await verify.waitFor();
  const token = await tokenFromOutbox(serverDir, email, 'verify-email');
  await verify
    .getByLabel('Verification code or link')
    .fill(`${api.url}/verify-email?token=${token}`);
  await verify.getByRole('button', { name: 'Verify email' }).click();
  const signin = page.getByRole('form', { name: 'Sign in' });
  await signin.waitFor();
  await signin.getByLabel('Email').fill(email);
  await signin.getByLabel('Password').fill(PASSWORD);
  await signin.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('credits-balance').waitFor({ timeout: 15_000 });
}

async function publish(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'Publish' }).click();
  await page.getByLabel('Rendered project').selectOption({ label: title });
  const form = page.getByRole('form', { name: 'Publish details' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Description').fill('Made offline in Reelsmith');
  await form.getByRole('button', { name: 'Publish' }).click();
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-social-'));
  serverDir = path.join(root, 'server');
  dirA = path.join(root, 'a');
  dirB = path.join(root, 'b');
  // A's project: generated and rendered offline by the CLI (a library project, status rendered,
  // its render job in the library) before A's shell takes the data folder.
  const video = path.join(root, 'octopus.mp4');
  cli(dirA, [
    'new',
    '--idea',
    PROMPT,
    '--duration',
    '10',
    '--provider',
    'offline',
    '--render',
    '-o',
    video,
  ]);
  apiPort = await freePort();
  api = await startApi(serverDir, apiPort);
  shells.a = await startServe(dirA, ENV);
  shells.b = await startServe(dirB, ENV);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  // Either may be missing when beforeAll failed.
  await (browser as Browser | undefined)?.close();
  for (const shell of [shells.a, shells.b])
    if (shell && shell.child.exitCode === null) await shell.stop();
  await (api as ApiProcess | undefined)?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('social: two shells, one sync API', () => {
  let pageA: Page;
  let pageB: Page;
  let videoTitle = '';

  it('A signs up, publishes a project rendered offline, and the publish survives the API going away mid-upload', async () => {
    if (!shells.a) throw new Error('shell A did not start');
    pageA = await openShell(shells.a);
    // A bandwidth limit so the upload takes several seconds: time to cut the network mid-way.
    await pointAtApi(pageA, 160);
    await signUpAndIn(pageA, 'ann@example.com', 'ann_creates');
    await pageA.getByRole('link', { name: 'Publish' }).click();
    const select = pageA.getByLabel('Rendered project');
    await select.waitFor();
    videoTitle = (await select.locator('option').nth(1).textContent()) ?? '';
    expect(videoTitle).not.toBe('');
    await publish(pageA, videoTitle);
    const bar = pageA.getByRole('progressbar', { name: 'Publish progress' });
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(15);
    await pageA.screenshot({ path: path.join(RESULTS, 'social-publish-progress.png') });
    await pageA.getByTestId('uploads-indicator').click();
    await pageA
      .getByRole('dialog', { name: 'Uploads' })
      .getByTestId('queue-item')
      .first()
      .waitFor();
    await pageA.screenshot({ path: path.join(RESULTS, 'social-uploads.png') });
    await pageA.getByRole('button', { name: 'Close uploads' }).click();

    // The network goes away mid-upload: the app says so and keeps working.
    const before = Number(await bar.getAttribute('aria-valuenow'));
    expect(before).toBeLessThan(100);
    await api.stop();
    await pageA.getByTestId('server-banner').waitFor({ timeout: 30_000 });
    await pageA.screenshot({ path: path.join(RESULTS, 'social-offline.png') });
    api = await startApi(serverDir, apiPort);

    // It resumes by itself and completes: one video.
    await pageA.getByTestId('publish-result').waitFor({ timeout: 240_000 });
    expect(await pageA.getByLabel('Share link').inputValue()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v\//,
    );
    await pageA.screenshot({ path: path.join(RESULTS, 'social-publish.png') });
    const feed = (await (await fetch(`${api.url}/v1/feed`)).json()) as {
      videos: { title: string }[];
    };
    expect(feed.videos.filter((v) => v.title === videoTitle)).toHaveLength(1);
    await expect
      .poll(() => pageA.getByTestId('server-banner').count(), { timeout: 15_000 })
      .toBe(0);
  }, 420_000);

  it('B sees the video, likes it (kept after reload), and a 3 s watch counts one view', async () => {
    if (!shells.b) throw new Error('shell B did not start');
    pageB = await openShell(shells.b);
    await pointAtApi(pageB);
    await signUpAndIn(pageB, 'bo@example.com', 'bo_watches');
    await pageB.getByRole('link', { name: 'Feed' }).click();
    const card = pageB.getByTestId('video-card').filter({ hasText: videoTitle });
    await card.waitFor({ timeout: 30_000 });
    // Mostly in view: it plays (muted); after 3 s the view is counted.
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.getAttribute('data-playing'), { timeout: 5000 }).toBe('true');
    expect(
      await card
        .locator('video')
        .evaluate((video) => (video as unknown as { muted: boolean }).muted),
    ).toBe(true);
    await pageB.waitForTimeout(3000);
    await expect
      .poll(() => card.getByTestId('view-count').textContent(), { timeout: 10_000 })
      .toBe('1 view');
    await card.getByRole('button', { name: /^Like/ }).click();
    expect(await card.getByTestId('like-count').textContent()).toBe('1');
    await expect
      .poll(() => card.getByRole('button', { name: /^Like/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await pageB.screenshot({ path: path.join(RESULTS, 'social-feed.png') });
    await pageB.reload();
    const again = pageB.getByTestId('video-card').filter({ hasText: videoTitle });
    await again.waitFor({ timeout: 30_000 });
    expect(await again.getByTestId('like-count').textContent()).toBe('1');
    expect(await again.getByRole('button', { name: /^Like/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // Still one view: once per session, and the server de-duplicates per viewer.
    await pageB.waitForTimeout(2500);
    expect(await again.getByTestId('view-count').textContent()).toBe('1 view');
  }, 180_000);

  it('B remixes it: Recreate makes a new local project', async () => {
    const card = pageB.getByTestId('video-card').filter({ hasText: videoTitle });
    await card.getByRole('button', { name: `Recreate ${videoTitle}` }).click();
    await pageB
      .getByText(`Remix of “${videoTitle}” created as a new local project`)
      .waitFor({ timeout: 30_000 });
  }, 60_000);

  it('the leaderboard lists A first and A’s profile shows the like', async () => {
    await pageB.getByRole('link', { name: 'Leaderboard' }).click();
    const first = pageB.getByTestId('leader-row').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.textContent()).toContain('ann_creates');
    await pageB.screenshot({ path: path.join(RESULTS, 'social-leaderboard.png') });
    await first.getByRole('link').click();
    await expect
      .poll(() => pageB.getByTestId('stat-likes').locator('dd').textContent(), { timeout: 15_000 })
      .toBe('1');
    expect(await pageB.getByTestId('stat-views').locator('dd').textContent()).toBe('1');
    expect(await pageB.getByTestId('stat-videos').locator('dd').textContent()).toBe('1');
    await pageB.screenshot({ path: path.join(RESULTS, 'social-profile.png') });
  }, 60_000);

  it('the remix project has A’s prompt and the source video as lineage', async () => {
    if (!shells.b) throw new Error('shell B did not start');
    await shells.b.stop();
    const listed = JSON.parse(cli(dirB, ['projects', 'list', '--json'])) as {
      items: { idea: string; settings: { remix?: { sourceVideoId?: string; prompt?: string } } }[];
    };
    const remix = listed.items.find((p) => p.settings.remix);
    expect(remix?.idea).toBe(PROMPT);
    const feed = (await (await fetch(`${api.url}/v1/feed`)).json()) as {
      videos: { id: string; title: string }[];
    };
    const source = feed.videos.find((v) => v.title === videoTitle);
    expect(remix?.settings.remix?.sourceVideoId).toBe(source?.id);
  }, 120_000);
});
