/**
 * The account steps e2e tests share, driven through the browser shell's Account page: point the
 * shell at a sync API, and sign up + verify (token from the API's outbox) + sign in.
 */
import type { Page } from 'playwright-core';
import { tokenFromOutbox } from './api';

/** The password every e2e account signs up with. */
export const TEST_PASSWORD = 'correct horse battery';

/**
 * Saves `apiUrl` as the sync server on the Account page.
 *
 * With `uploadLimitKiBps` the upload limit is set too (0 = none); without it, it stays as it was.
 */
export async function pointAtApi(
  page: Page,
  apiUrl: string,
  uploadLimitKiBps?: number,
): Promise<void> {
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByText('Sync server and uploads').click();
  await page.getByLabel('Sync server URL').fill(apiUrl);
  if (uploadLimitKiBps !== undefined)
    await page.getByLabel('Upload limit (KiB/s, 0 = none)').fill(String(uploadLimitKiBps));
  await page.getByRole('button', { name: 'Save sync settings' }).click();
  await page.getByText('Sync settings saved').waitFor();
}

export interface SignUpOptions {
  /** The API's base URL (for the verification link). */
  apiUrl: string;
  /** The API's SERVER_DATA_DIR, whose outbox holds the verification mail. */
  serverDataDir: string;
  email: string;
  username: string;
  /** Default: {@link TEST_PASSWORD}. */
  password?: string;
  /** What goes into "Verification code or link": the whole link (default) or the bare token. */
  verifyWith?: 'link' | 'token';
}

/**
 * Creates an account on the Account page (already pointed at the API), verifies the email with
 * the token mailed to the outbox, signs in, and waits for the header's credits balance.
 */
export async function signUpAndIn(page: Page, options: SignUpOptions): Promise<void> {
  const { apiUrl, serverDataDir, email, username } = options;
  const password = options.password ?? TEST_PASSWORD;
  await page
    .getByRole('group', { name: 'Account action' })
    .getByRole('button', { name: 'Create account' })
    .click();
  const signup = page.getByRole('form', { name: 'Create account' });
  await signup.getByLabel('Email').fill(email);
  await signup.getByLabel('Username').fill(username);
  await signup.getByLabel('Password').fill(password);
  await signup.getByRole('button', { name: 'Create account' }).click();
  const verify = page.getByRole('form', { name: 'Verify email' });
  await verify.waitFor();
  const token = await tokenFromOutbox(serverDataDir, email, 'verify-email');
  await verify
    .getByLabel('Verification code or link')
    .fill(options.verifyWith === 'token' ? token : `${apiUrl}/verify-email?token=${token}`);
  await verify.getByRole('button', { name: 'Verify email' }).click();
  const signin = page.getByRole('form', { name: 'Sign in' });
  await signin.waitFor();
  await signin.getByLabel('Email').fill(email);
  await signin.getByLabel('Password').fill(password);
  await signin.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('credits-balance').waitFor({ timeout: 15_000 });
}
