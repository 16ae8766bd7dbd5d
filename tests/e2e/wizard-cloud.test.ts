/**
 * The idea wizard's cloud option end to end: a browser shell pointed at a `reelsmith api` server
 * whose generation upstream is the fake OpenAI server. Signed out, the cloud cannot be chosen;
 * signed in, the cost (credits from the price list × planned calls, and the balance) shows before
 * anything runs; a length the balance cannot pay is explained inline with a link to the account
 * page and cannot start; an affordable run goes through the cloud and the header balance drops by
 * the cost shown. Language and voice stay this project's (the settings keep theirs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '../../main/pipeline/generate/testing/fake-openai.server';
import { pointAtApi, signUpAndIn, TEST_PASSWORD } from './helpers/account';
import { freePort, startApi, tokenFromOutbox, type ApiProcess } from './helpers/api';
import { launchChromium, openShellPage } from './helpers/chromium';
import { startServe, type ServeProcess } from './helpers/serve';

const RESULTS = path.resolve('test-results');
const ENV = { FFMPEG_BIN: '/usr/bin/ffmpeg' };

let root: string;
let serverDir: string;
let fake: FakeOpenAiServer;
let api: ApiProcess;
let shell: ServeProcess;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let cloudProjectUrl = '';

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-test-wizard-cloud-'));
  serverDir = path.join(root, 'server');
  fake = await FakeOpenAiServer.start(900_000);
  api = await startApi(serverDir, await freePort(), {
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: 'sk-fake-upstream',
  });
  shell = await startServe(path.join(root, 'studio'), ENV);
  browser = await launchChromium();
  page = await openShellPage(browser, shell.url, pageErrors);
}, 600_000);

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await (browser as Browser | undefined)?.close();
  if ((shell as ServeProcess | undefined) && shell.child.exitCode === null) await shell.stop();
  await (api as ApiProcess | undefined)?.stop();
  await (fake as FakeOpenAiServer | undefined)?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function openWizard() {
  await page.getByRole('link', { name: 'Projects', exact: true }).click();
  await page.getByRole('link', { name: 'New from idea' }).click();
  await page.getByRole('heading', { name: 'New video from an idea' }).waitFor();
}

/** Points the shell at the API, then signs up (and in). */
async function connectAndSignUp(email: string, username: string) {
  await pointAtApi(page, api.url);
  await signUpAndIn(page, { apiUrl: api.url, serverDataDir: serverDir, email, username });
}

describe('idea wizard: cloud provider with its cost shown first', () => {
  it('offers the cloud only when signed in; shows each provider cost before running', async () => {
    await openWizard();
    const cloud = page.getByRole('radio', { name: /Reelsmith cloud/ });
    expect(await cloud.isDisabled()).toBe(true);
    await page
      .getByTestId('cost')
      .getByText(/^Free:/)
      .waitFor();
    await page.getByRole('radio', { name: /OpenAI-compatible/ }).check();
    await page
      .getByTestId('cost')
      .getByText(/Uses your API key/)
      .waitFor();

    await connectAndSignUp('wizard@example.com', 'wizard_maker');
    const balance = await page.getByTestId('credits-balance').textContent();
    expect(balance).toBe('50 credits');
    await openWizard();
    await expect.poll(() => cloud.isDisabled(), { timeout: 15_000 }).toBe(false);
    await cloud.check();
    await page.getByLabel('Length (seconds)').fill('20');
    // 20 s = 3 scenes: 1 script + 3 × (image 4 + voice 2 + timing 2) = 25 credits.
    const cost = page.getByTestId('cost');
    await cost.getByText(/About 25 credits/).waitFor();
    expect(await cost.textContent()).toMatch(/you have 50 credits, 25 credits left after/);
    await page.screenshot({ path: path.join(RESULTS, 'wizard-cloud-cost.png') });
  }, 180_000);

  it('explains "not enough credits" inline with a link to the account page', async () => {
    await page.getByLabel('What is it about?').fill('three facts about octopuses');
    await page.getByLabel('Length (seconds)').fill('180');
    const alert = page.getByRole('alert').filter({ hasText: 'Not enough credits' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/needs about 209 credits .*you have 50 credits/);
    expect(
      await alert
        .getByRole('link', { name: 'Add credits on the Account page' })
        .getAttribute('href'),
    ).toBe('#/account');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS, 'wizard-cloud-short-credits.png') });
  }, 60_000);

  it('runs an affordable idea on the cloud and charges what it said', async () => {
    await page.getByLabel('Length (seconds)').fill('20');
    await page
      .getByTestId('cost')
      .getByText(/About 25 credits/)
      .waitFor();
    await page.getByLabel('Language').selectOption('de');
    await page.getByLabel('Voice').fill('nova');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.waitForURL(/#\/projects\/[0-9a-f-]{36}$/, { timeout: 240_000 });
    cloudProjectUrl = page.url();
    await page.getByTestId('credits-balance').getByText('25 credits').waitFor({ timeout: 30_000 });
    expect(fake.count('images')).toBe(3);
    expect(
      fake.received
        .filter((r) => r.route === 'speech')
        .map((r) => (r.body as { voice?: string }).voice),
    ).toEqual(['nova', 'nova', 'nova']);
    // The wizard's language and voice were this project's: a new wizard starts from the
    // settings, which kept theirs.
    await openWizard();
    await expect.poll(() => page.getByLabel('Voice').inputValue()).toBe('alloy');
    await expect.poll(() => page.getByLabel('Language').inputValue()).toBe('en');
  }, 300_000);

  it('shows an editor regenerate price first and explains running out of credits', async () => {
    // Images go to the cloud in Settings; voice stays offline (its line is not shown).
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Images').selectOption('cloud');
    await page
      .getByTestId('cloud-price-image')
      .getByText(/4 credits per image/)
      .waitFor();
    await page.goto(cloudProjectUrl);
    await page.getByTestId('segment-item').first().waitFor();
    const regenerateImage = page.getByRole('button', { name: 'Regenerate image' });
    await regenerateImage.waitFor();
    const cost = page.getByTestId('regenerate-cost');
    await cost.getByText(/you have 25 credits, 21 credits left after/).waitFor();
    expect(await cost.textContent()).toMatch(
      /^Regenerate image \(Reelsmith cloud\): Costs 4 credits/,
    );
    expect(await cost.textContent()).not.toMatch(/Regenerate voice/);
    await page.screenshot({ path: path.join(RESULTS, 'editor-regenerate-cost.png') });

    const images = fake.count('images');
    // 25 credits pay for six images at 4: spend down to 1 credit left.
    for (const left of [21, 17, 13, 9, 5, 1]) {
      await regenerateImage.click();
      await page
        .getByTestId('credits-balance')
        .getByText(`${String(left)} credit${left === 1 ? '' : 's'}`, { exact: true })
        .waitFor({ timeout: 60_000 });
      await expect.poll(() => regenerateImage.isEnabled(), { timeout: 60_000 }).toBe(true);
    }
    expect(fake.count('images')).toBe(images + 6);
    // Before running, the price line already says it cannot be paid.
    await cost
      .getByText(/Not enough credits: this costs 4 credits and you have 1 credit/)
      .waitFor();
    // Running it anyway: refused, nothing charged, explained with the way to add credits.
    await regenerateImage.click();
    const refusal = page.getByTestId('regenerate-error');
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toMatch(
      /Not enough credits: regenerating this image costs 4 credits and you have 1 credit \(3 credits short\)\. Nothing was charged\./,
    );
    expect(
      await refusal
        .getByRole('link', { name: 'Add credits on the Account page' })
        .getAttribute('href'),
    ).toBe('#/account');
    expect(fake.count('images')).toBe(images + 6);
    expect(await page.getByTestId('credits-balance').textContent()).toBe('1 credit');
    await page.screenshot({ path: path.join(RESULTS, 'editor-regenerate-short-credits.png') });
    await refusal.getByRole('link', { name: 'Add credits on the Account page' }).click();
    await page.getByRole('heading', { name: 'Account' }).first().waitFor();
  }, 400_000);

  it('keeps the session across a restart; renames, signs out, resets the password, signs in', async () => {
    // The ledger lists the grant and every charge, newest (the last image) first.
    const ledger = page.getByRole('table', { name: 'Credits ledger' });
    await ledger.waitFor({ timeout: 15_000 });
    const rows = ledger.locator('tbody tr');
    // The page may first show the ledger it fetched before the last charges; wait for the refetch.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(17);
    expect(await rows.first().textContent()).toMatch(/charge.*−4/);
    expect(await ledger.textContent()).toMatch(/grant.*\+50/);

    const profile = page.getByRole('form', { name: 'Edit profile' });
    await profile.getByLabel('Username').fill('wizard_renamed');
    await profile.getByRole('button', { name: 'Save username' }).click();
    await page.getByText('@wizard_renamed').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(RESULTS, 'account-signed-in.png'), fullPage: true });

    // A restart of the app (same data folder): still signed in, tokens from the keychain.
    await shell.stop();
    shell = await startServe(path.join(root, 'studio'), ENV);
    await page.goto(shell.url);
    await page.getByTestId('credits-balance').getByText('1 credit').waitFor({ timeout: 30_000 });
    await page.getByText('@wizard_renamed').waitFor();

    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByTestId('credits-balance').count()).toBe(0);
    const actions = page.getByRole('group', { name: 'Account action' });
    await actions.getByRole('button', { name: 'Forgot password' }).click();
    const forgot = page.getByRole('form', { name: 'Forgot password' });
    await forgot.getByLabel('Email').fill('wizard@example.com');
    await forgot.getByRole('button', { name: 'Send reset link' }).click();
    const reset = page.getByRole('form', { name: 'Set new password' });
    await reset.waitFor();
    const token = await tokenFromOutbox(serverDir, 'wizard@example.com', 'reset-password');
    await reset.getByLabel('Reset code or link').fill(`${api.url}/reset-password?token=${token}`);
    await reset.getByLabel('New password').fill('a brand new passphrase');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    const signin = page.getByRole('form', { name: 'Sign in' });
    await signin.waitFor();
    await signin.getByLabel('Email').fill('wizard@example.com');
    await signin.getByLabel('Password').fill(TEST_PASSWORD);
    await signin.getByRole('button', { name: 'Sign in' }).click();
    await signin.getByRole('alert').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('credits-balance').count()).toBe(0);
    await signin.getByLabel('Password').fill('a brand new passphrase');
    await signin.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('credits-balance').getByText('1 credit').waitFor({ timeout: 15_000 });
  }, 300_000);
});
