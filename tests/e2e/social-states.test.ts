/**
 * The social screens' states and the remaining feed / profile / leaderboard / uploads behaviour,
 * in Chromium against one browser shell and one `reelsmith api` on a fixed port (stopped, paused
 * and restarted by the tests). Other creators are seeded over plain HTTP (tests/e2e/helpers/seed).
 *
 * Proves, per bullet of issue #9: empty / loading / error states with a Retry that recovers on
 * every social screen; the offline banner with the app still usable; like/dislike optimistic
 * with rollback on error; profile liked tab, editing my own profile, stats; the leaderboard's
 * documented scoring (the page, README and server agree) and its order; uploads Retry and
 * "Retry all" of failed items.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, startApi, type ApiProcess } from './helpers/api';
import { launchChromium } from './helpers/chromium';
import {
  sampleMedia,
  seedReaction,
  seedUser,
  seedVideo,
  seedView,
  type SeedUser,
} from './helpers/seed';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
const BIN = path.resolve('bin/reelsmith.js');
const ENV = { FFMPEG_BIN: '/usr/bin/ffmpeg' };
const IDEA = 'why cats knock things off tables';

let root: string;
let serverDir: string;
let apiPort: number;
let api: ApiProcess | undefined;
let shell: ServeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
/** Me: signed in through the app (desktop session); `meWeb` is a web session of the same user. */
let meWeb: SeedUser;
let media: { video: Buffer; thumbnail: Buffer };
const pageErrors: string[] = [];

/** Starts the API again at the same address (optionally with more environment). */
async function restartApi(extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  await stopApi();
  api = await startApi(serverDir, apiPort, extraEnv);
  return api;
}

async function stopApi(): Promise<void> {
  if (!api) return;
  api.child.kill('SIGCONT');
  await api.stop();
  api = undefined;
}

function apiUrl(): string {
  if (!api) throw new Error('the API is not running');
  return api.url;
}

async function go(link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

/** Opens my own profile from the Account page. */
async function openMyProfile(): Promise<void> {
  await go('Account');
  await page.getByRole('link', { name: 'View my public profile' }).click({ timeout: 60_000 });
  await page.getByRole('tablist', { name: 'Profile lists' }).waitFor();
}

/** Presses the error's Retry while it shows, until `done` is visible. */
async function retryUntil(error: Locator, done: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await done.isVisible()) return true;
        await error
          .getByRole('button', { name: 'Retry' })
          .click({ timeout: 2000 })
          .catch(() => undefined);
        return done.isVisible();
      },
      { timeout: 90_000, interval: 1000 },
    )
    .toBe(true);
}

function card(title: string): Locator {
  return page.getByTestId('video-card').filter({ hasText: title });
}

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-social-states-'));
  serverDir = path.join(root, 'server');
  const dataDir = path.join(root, 'app');
  // A local project (offline generation, no render) to open while the server is away.
  const made = spawnSync(
    process.execPath,
    [
      BIN,
      'new',
      '--idea',
      IDEA,
      '--duration',
      '10',
      '--provider',
      'offline',
      '--data-dir',
      dataDir,
    ],
    { env: { ...process.env, ...ENV }, encoding: 'utf8', timeout: 600_000 },
  );
  if (made.status !== 0) throw new Error(`reelsmith new failed:\n${made.stderr}`);
  media = await sampleMedia(root);
  apiPort = await freePort();
  api = await startApi(serverDir, apiPort);
  meWeb = await seedUser(api.url, serverDir, 'mina_states');
  shell = await startServe(dataDir, ENV);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The shell starts its embedded API on the first call: slow on a busy machine.
  await page.goto(shell.url, { timeout: 180_000 });

  // Sign in through the app (a desktop session of the seeded user).
  await go('Account');
  await page.getByText('Sync server and uploads').click();
  await page.getByLabel('Sync server URL').fill(api.url);
  await page.getByRole('button', { name: 'Save sync settings' }).click();
  await page.getByText('Sync settings saved').waitFor();
  const signin = page.getByRole('form', { name: 'Sign in' });
  await signin.getByLabel('Email').fill(meWeb.email);
  await signin.getByLabel('Password').fill(meWeb.password);
  await signin.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('credits-balance').waitFor({ timeout: 30_000 });
}, 900_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  if (shell && shell.child.exitCode === null) await shell.stop();
  await stopApi();
  fs.rmSync(root, { recursive: true, force: true });
});

beforeEach(async () => {
  // A test that failed with the API stopped must not take the next one down with it.
  if (!api) api = await startApi(serverDir, apiPort);
}, 300_000);

describe('social states: empty, loading, error with Retry, offline', () => {
  it('feed, leaderboard, profile and uploads show their empty states; with the API stopped a skeleton then an error with Retry; Retry recovers after a restart', async () => {
    // Nothing published yet: every list says so.
    await go('Feed');
    await page.getByText('No videos yet').waitFor({ timeout: 60_000 });
    await go('Leaderboard');
    await page.getByText('No creators yet').waitFor({ timeout: 60_000 });
    await openMyProfile();
    await page.getByText('You have not published anything yet').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Liked' }).click();
    await page.getByText('No liked videos yet').waitFor({ timeout: 60_000 });
    await page.getByTestId('uploads-indicator').click();
    const uploads = page.getByRole('dialog', { name: 'Uploads' });
    await uploads.getByText('Nothing to upload').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close uploads' }).click();

    // The API goes away; a fresh page has nothing cached.
    await stopApi();
    await go('Feed');
    await page.reload();
    // Loading: card skeletons first (the first attempt failed, one retry is pending).
    await page.getByRole('status', { name: 'Loading Feed' }).waitFor({ timeout: 30_000 });
    const feedError = page.getByRole('alert').filter({ hasText: 'The server is unreachable' });
    await feedError.waitFor({ timeout: 60_000 });
    await feedError.getByRole('button', { name: 'Retry' }).waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'social-states-feed-error.png') });
    // Retry while still offline: still the error, not an empty list.
    await feedError.getByRole('button', { name: 'Retry' }).click();
    await feedError.waitFor({ timeout: 60_000 });
    expect(await page.getByText('No videos yet').count()).toBe(0);

    await go('Leaderboard');
    const boardError = page.getByRole('alert').filter({ hasText: 'The server is unreachable' });
    await boardError.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 60_000 });
    await go('Account');
    const accountError = page
      .getByRole('alert')
      .filter({ hasText: 'cannot be reached to show your account' });
    await accountError.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(RESULTS, 'social-states-account-error.png') });

    // Back online, on the feed's error: Retry ends on the empty state (the app may also have
    // recovered by itself once a request or its health probe got through).
    await go('Feed');
    await feedError.waitFor({ timeout: 60_000 });
    await restartApi();
    await retryUntil(feedError, page.getByText('No videos yet'));
    expect(await feedError.count()).toBe(0);
    await go('Leaderboard');
    await retryUntil(boardError, page.getByText('No creators yet'));
    await go('Account');
    await retryUntil(accountError, page.getByRole('table', { name: 'Credits ledger' }));
    await page.getByTestId('credits-balance').waitFor({ timeout: 60_000 });
    await go('Feed');
    await page.getByText('No videos yet').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(RESULTS, 'social-states-feed-empty.png') });
  }, 600_000);

  it('offline banner: the API stops → a clear banner, and projects and the editor still work; it clears when the API is back', async () => {
    await go('Feed');
    await stopApi();
    const banner = page.getByTestId('server-banner');
    // No upload is running: the banner must come from the app's own calls and probes.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toContain('is unreachable');
    expect(await banner.textContent()).toContain('projects, rendering and offline generation');

    // Offline, the studio keeps working: the projects home lists the project, the editor opens.
    await go('Projects');
    const project = page.getByTestId('project-card').first();
    await project.waitFor({ timeout: 30_000 });
    await project.getByRole('link').first().click();
    await page.getByLabel('Project title').waitFor({ timeout: 60_000 });
    expect(await banner.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'social-states-offline-editor.png') });
    // "Check again" really asks: still away, the banner stays.
    await banner.getByRole('button', { name: 'Check again' }).click();
    await expect
      .poll(() => banner.getByRole('button', { name: 'Check again' }).isEnabled(), {
        timeout: 30_000,
      })
      .toBe(true);
    expect(await banner.isVisible()).toBe(true);

    // Back on the feed, still offline: its error. The API returns and, with no click at all,
    // the banner clears and the feed recovers (the queue's probe notices; failed queries refetch).
    await go('Feed');
    const feedError = page.getByRole('alert').filter({ hasText: 'The server is unreachable' });
    await feedError.waitFor({ timeout: 60_000 });
    await restartApi();
    await expect.poll(() => banner.count(), { timeout: 90_000 }).toBe(0);
    await expect.poll(() => feedError.count(), { timeout: 60_000 }).toBe(0);
    await page.getByRole('feed', { name: 'Feed' }).or(page.getByText('No videos yet')).waitFor({
      timeout: 60_000,
    });
  }, 300_000);
});

describe('feed reactions: optimistic, rolled back on error', () => {
  let creator: SeedUser;
  const title = 'Dunes at dusk';

  beforeAll(async () => {
    creator = await seedUser(apiUrl(), serverDir, 'dora_dunes');
    await seedVideo(apiUrl(), creator, media, title);
  }, 300_000);

  it('dislike shows at once (before the server answers) with its count; like switches; a stopped API rolls the count back with an error; after a restart it works', async () => {
    await go('Feed');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const video = card(title);
    await video.waitFor({ timeout: 60_000 });
    const likes = video.getByTestId('like-count');
    const dislikes = video.getByTestId('dislike-count');
    const dislike = video.getByRole('button', { name: /^Dislike/ });
    const like = video.getByRole('button', { name: /^Like/ });
    await expect.poll(() => dislikes.textContent(), { timeout: 30_000 }).toBe('0');

    // The API is frozen (SIGSTOP): the request hangs, yet the count is already 1 and pressed.
    api?.child.kill('SIGSTOP');
    try {
      await dislike.click();
      await expect.poll(() => dislikes.textContent(), { timeout: 10_000 }).toBe('1');
      expect(await dislike.getAttribute('aria-pressed')).toBe('true');
      await page.screenshot({ path: path.join(RESULTS, 'social-states-dislike-optimistic.png') });
    } finally {
      api?.child.kill('SIGCONT');
    }
    // The server's answer confirms it; a reload shows the stored reaction.
    await page.reload();
    await video.waitFor({ timeout: 60_000 });
    await expect.poll(() => dislikes.textContent(), { timeout: 30_000 }).toBe('1');
    expect(await dislike.getAttribute('aria-pressed')).toBe('true');

    // Like switches: one reaction per user.
    await like.click();
    await expect.poll(() => likes.textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => dislikes.textContent(), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => like.getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');

    // The server is gone: the click rolls back to what it was, and the app says why.
    await stopApi();
    await dislike.click();
    await page
      .getByText('Your reaction was not saved', { exact: false })
      .waitFor({ timeout: 60_000 });
    await expect.poll(() => likes.textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => dislikes.textContent(), { timeout: 30_000 }).toBe('0');
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await dislike.getAttribute('aria-pressed')).toBe('false');
    await page.screenshot({ path: path.join(RESULTS, 'social-states-reaction-rollback.png') });

    // Back: the same click works and sticks.
    await restartApi();
    await dislike.click();
    await expect.poll(() => dislikes.textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => likes.textContent(), { timeout: 30_000 }).toBe('0');
    // The server stores it (the optimistic count shows before it answers: wait for it).
    const stored = async () => {
      const feed = (await (
        await fetch(`${apiUrl()}/v1/feed`, {
          headers: { authorization: `Bearer ${meWeb.accessToken}` },
        })
      ).json()) as { videos: { title: string; dislikes: number; myReaction: string }[] };
      const found = feed.videos.find((v) => v.title === title);
      return found && { dislikes: found.dislikes, myReaction: found.myReaction };
    };
    await expect.poll(stored, { timeout: 60_000 }).toEqual({ dislikes: 1, myReaction: 'dislike' });
    // And the app keeps it (no late rollback).
    await page.reload();
    await video.waitFor({ timeout: 60_000 });
    await expect.poll(() => dislikes.textContent(), { timeout: 30_000 }).toBe('1');
    expect(await dislike.getAttribute('aria-pressed')).toBe('true');
  }, 300_000);
});

describe('profiles: liked videos, my own edit, stats', () => {
  let painter: SeedUser;

  beforeAll(async () => {
    painter = await seedUser(apiUrl(), serverDir, 'pia_paints');
    const quin = await seedUser(apiUrl(), serverDir, 'quin_quips');
    const one = await seedVideo(apiUrl(), painter, media, 'Paint drip one');
    const two = await seedVideo(apiUrl(), painter, media, 'Paint drip two');
    await seedReaction(apiUrl(), meWeb, one, 'like');
    await seedReaction(apiUrl(), quin, two, 'dislike');
    await seedView(apiUrl(), meWeb, one);
    await seedView(apiUrl(), quin, one);
    await seedView(apiUrl(), quin, two);
  }, 300_000);

  it('my Liked tab lists what I liked; the creator’s profile shows videos, likes, dislikes, views and last active', async () => {
    await openMyProfile();
    await page.getByRole('tab', { name: 'Liked' }).click();
    const liked = page.getByRole('tabpanel', { name: 'Liked videos' });
    await liked.getByTestId('video-card').filter({ hasText: 'Paint drip one' }).waitFor({
      timeout: 60_000,
    });
    expect(
      await liked.getByTestId('video-card').filter({ hasText: 'Paint drip two' }).count(),
    ).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'social-states-profile-liked.png') });

    // The creator's name on the card leads to their profile.
    await liked.getByRole('link', { name: '@pia_paints' }).first().click();
    await page.getByRole('heading', { name: '@pia_paints' }).waitFor({ timeout: 60_000 });
    const stat = (name: string) => page.getByTestId(`stat-${name}`).locator('dd');
    await expect.poll(() => stat('videos').textContent(), { timeout: 60_000 }).toBe('2');
    await expect.poll(() => stat('likes').textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => stat('dislikes').textContent(), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => stat('views').textContent(), { timeout: 30_000 }).toBe('3');
    await expect
      .poll(() => stat('last-active').textContent(), { timeout: 30_000 })
      .toMatch(/^(just now|\d+ min ago)$/);
    // Their Videos tab lists both; no edit form on someone else's profile.
    const videos = page.getByRole('tabpanel', { name: 'Videos' });
    await expect.poll(() => videos.getByTestId('video-card').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByRole('form', { name: 'Edit profile' }).count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'social-states-profile-stats.png') });
  }, 300_000);

  it('editing my username on my own profile page shows the new name there and in the header', async () => {
    await openMyProfile();
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent(), { timeout: 60_000 }).toContain('@mina_');
    const before = ((await heading.textContent()) ?? '').replace(/^@/, '').replace(/you$/, '');
    const renamed = before === 'mina_renamed' ? 'mina_states' : 'mina_renamed';
    const form = page.getByRole('form', { name: 'Edit profile' });
    await form.getByLabel('Username').fill(renamed);
    await form.getByRole('button', { name: 'Save username' }).click();
    await page.getByText('Profile saved').waitFor({ timeout: 60_000 });
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toBe(`@${renamed}you`);
    await expect
      .poll(() => page.getByRole('link', { name: new RegExp(`^${renamed}:`) }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await page.screenshot({ path: path.join(RESULTS, 'social-states-profile-renamed.png') });
    // The server has it.
    const me = (await (
      await fetch(`${apiUrl()}/v1/me`, {
        headers: { authorization: `Bearer ${meWeb.accessToken}` },
      })
    ).json()) as { username: string };
    expect(me.username).toBe(renamed);
  }, 300_000);
});

/** The coefficients of a creator-score formula written as in the app, README or SQL. */
function coefficients(formula: string): Record<string, number> {
  const text = formula
    .replace(/coalesce\(\w+\.(\w+), 0\)/g, '$1')
    .replace(/[−–]/g, '-')
    .replace(/[×·*]/g, '*')
    .replace(/\s+/g, '');
  const out: Record<string, number> = {};
  const term = /([+-]?)(?:([\d.]+)\*)?(likes|dislikes|views|remixes)/g;
  let consumed = 0;
  for (let m = term.exec(text); m; m = term.exec(text)) {
    out[m[3] ?? ''] = (m[1] === '-' ? -1 : 1) * Number(m[2] ?? 1);
    consumed += m[0].length;
  }
  if (consumed !== text.length) throw new Error(`not a plain creator-score formula: ${formula}`);
  return out;
}

describe('leaderboard: documented scoring', () => {
  beforeAll(async () => {
    const eve = await seedUser(apiUrl(), serverDir, 'eve_edits');
    const finn = await seedUser(apiUrl(), serverDir, 'finn_films');
    const lars = await seedUser(apiUrl(), serverDir, 'lars_likes');
    const gus = await seedUser(apiUrl(), serverDir, 'gus_grumbles');
    const eveVideo = await seedVideo(apiUrl(), eve, media, 'Eve edits everything');
    const finnVideo = await seedVideo(apiUrl(), finn, media, 'Finn films fog');
    // Eve: 2 likes, 1 dislike, 1 view. Finn: 1 like and 1 remix (Lars recreated his video):
    // Finn ranks above Eve although Eve has more likes, because a remix weighs 5.
    await seedReaction(apiUrl(), meWeb, eveVideo, 'like');
    await seedReaction(apiUrl(), lars, eveVideo, 'like');
    await seedReaction(apiUrl(), gus, eveVideo, 'dislike');
    await seedView(apiUrl(), gus, eveVideo);
    await seedReaction(apiUrl(), lars, finnVideo, 'like');
    await seedVideo(apiUrl(), lars, media, 'Fog, remixed', finnVideo);
  }, 300_000);

  it('shows the scoring formula the README and the server use, and orders creators by it', async () => {
    await go('Leaderboard');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const scoring = (await page.getByTestId('scoring').textContent()) ?? '';
    const shown = coefficients(/Creator score = ([^,]+),/.exec(scoring)?.[1] ?? '');
    expect(shown).toEqual({ likes: 3, dislikes: -1, views: 0.1, remixes: 5 });
    const readme = fs.readFileSync(path.resolve('README.md'), 'utf8');
    expect(coefficients(/creatorScore = (.+)/.exec(readme)?.[1] ?? ''), 'README "Ranking"').toEqual(
      shown,
    );
    const sqlText = fs.readFileSync(path.resolve('server/src/users/repository.ts'), 'utf8');
    const serverFormula = /\((3 \* coalesce[\s\S]*?)\)::float8 as creator_score/.exec(sqlText);
    expect(coefficients(serverFormula?.[1] ?? ''), 'server statsQuery').toEqual(shown);

    const table = page.getByRole('table', { name: 'Top creators' });
    const rows = (): Promise<string[][]> =>
      table
        .getByTestId('leader-row')
        .evaluateAll((trs) =>
          trs.map((tr) =>
            Array.from(
              (tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells,
            ).map((td) => (td.textContent ?? '').trim()),
          ),
        )
        // The creator cell starts with the avatar's initial: keep the @name.
        .then((all) =>
          all.map((r) => r.map((cell, i) => (i === 1 ? cell.replace(/^[^@]*/, '') : cell))),
        );
    const names = async () => (await rows()).map((r) => r[1]);
    await expect
      .poll(async () => (await names()).filter((n) => n === '@finn_films' || n === '@eve_edits'), {
        timeout: 60_000,
      })
      .toEqual(['@finn_films', '@eve_edits']);
    const all = await rows();
    const byName = new Map(all.map((r) => [r[1], r]));
    // Columns: #, creator, score, videos, likes, dislikes, views, remixes.
    expect(byName.get('@finn_films')?.slice(2)).toEqual(['8.0', '1', '1', '0', '0', '1']);
    expect(byName.get('@eve_edits')?.slice(2)).toEqual(['5.1', '1', '2', '1', '1', '0']);
    // Every row's score is the documented formula of its stats, and the rows are sorted by it.
    const scores = all.map((r) => Number(r[2]));
    for (const r of all) {
      const [likes, dislikes, views, remixes] = r.slice(4).map(Number) as [
        number,
        number,
        number,
        number,
      ];
      const expected =
        (shown.likes ?? NaN) * likes +
        (shown.dislikes ?? NaN) * dislikes +
        (shown.views ?? NaN) * views +
        (shown.remixes ?? NaN) * remixes;
      expect(Number(r[2]), `score of ${r[1] ?? ''}`).toBeCloseTo(expected, 1);
    }
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await page.screenshot({ path: path.join(RESULTS, 'social-states-leaderboard.png') });
  }, 300_000);
});

describe('uploads panel: Retry and Retry all of failed items', () => {
  /** A ~12 KB noisy PNG (incompressible), new each call. */
  async function noisyAvatar(name: string): Promise<string> {
    const noise = Buffer.alloc(64 * 64 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(Math.random() * 256);
    const file = path.join(root, name);
    await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
      .png()
      .toFile(file);
    return file;
  }

  async function changeAvatar(file: string): Promise<void> {
    await go('Account');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Change avatar…' }).click({ timeout: 60_000 });
    await (await chooser).setFiles(file);
  }

  async function myAvatarUrl(): Promise<string | null> {
    const me = (await (
      await fetch(`${apiUrl()}/v1/me`, {
        headers: { authorization: `Bearer ${meWeb.accessToken}` },
      })
    ).json()) as { avatarUrl: string | null };
    return me.avatarUrl;
  }

  it('an upload the server refuses fails with its error; Retry (per item, then for all) completes it once the server accepts', async () => {
    const dialog = page.getByRole('dialog', { name: 'Uploads' });
    const items = dialog.getByTestId('queue-item');
    const withState = (state: string) =>
      items.filter({ has: page.getByTestId('queue-state').getByText(state, { exact: true }) });
    const all = dialog.getByRole('group', { name: 'All uploads' });
    const before = await myAvatarUrl();

    // A 1000-byte storage quota: the server refuses the avatar for good (413).
    await restartApi({ STORAGE_QUOTA_BYTES: '1000' });
    await changeAvatar(await noisyAvatar('refused-1.png'));
    await page.getByTestId('uploads-indicator').click();
    const failed = withState('failed');
    await failed.first().waitFor({ timeout: 90_000 });
    expect(await failed.count()).toBe(1);
    await expect
      .poll(() => failed.first().getByTestId('queue-error').textContent(), { timeout: 30_000 })
      .toMatch(/^Failed: .*storage quota/);
    await expect
      .poll(() => page.getByTestId('uploads-indicator').textContent(), { timeout: 30_000 })
      .toContain('1 failed');
    await page.screenshot({ path: path.join(RESULTS, 'social-states-uploads-failed.png') });
    const doneBefore = await withState('done').count();

    // The quota is back to normal: Retry on the item completes it.
    await restartApi();
    await failed
      .first()
      .getByRole('button', { name: /^Retry / })
      .click();
    await expect.poll(() => withState('done').count(), { timeout: 120_000 }).toBe(doneBefore + 1);
    expect(await failed.count()).toBe(0);
    await expect.poll(() => myAvatarUrl(), { timeout: 30_000 }).not.toBe(before);
    const afterRetry = await myAvatarUrl();
    // The account page behind the panel shows it (served and decoded), with no reload.
    const shown = page.locator('.account-head img.avatar');
    await expect
      .poll(
        async () =>
          (await shown.count()) === 1
            ? shown.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)
            : 0,
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Close uploads' }).click();

    // Again refused; this time "Retry all".
    await restartApi({ STORAGE_QUOTA_BYTES: '1000' });
    await changeAvatar(await noisyAvatar('refused-2.png'));
    await page.getByTestId('uploads-indicator').click();
    await failed.first().waitFor({ timeout: 90_000 });
    expect(await all.getByRole('button', { name: 'Retry all' }).isDisabled()).toBe(false);
    await restartApi();
    await all.getByRole('button', { name: 'Retry all' }).click();
    await expect.poll(() => withState('done').count(), { timeout: 120_000 }).toBe(doneBefore + 2);
    expect(await failed.count()).toBe(0);
    await expect.poll(() => myAvatarUrl(), { timeout: 30_000 }).not.toBe(afterRetry);
    await expect
      .poll(() => all.getByRole('button', { name: 'Retry all' }).isDisabled(), { timeout: 30_000 })
      .toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'social-states-uploads-retried.png') });
    await page.getByRole('button', { name: 'Close uploads' }).click();
  }, 600_000);
});
