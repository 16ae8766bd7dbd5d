/** Debian's Chromium through playwright-core (never a downloaded browser). */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A new 1280×900 page at `url` (a browser shell's address) whose uncaught errors are pushed onto
 * `pageErrors`, for the test to assert none happened.
 */
export async function openShellPage(
  browser: Browser,
  url: string,
  pageErrors: string[],
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The shell's first load can take well over Playwright's 30 s default on a loaded machine.
  await page.goto(url, { timeout: 180_000 });
  return page;
}
