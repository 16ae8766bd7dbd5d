/**
 * Test helpers for main-level tests against the embedded sync API: call an operation through the
 * router, and sign an account up, verify it with the token the server mailed to its outbox
 * (`account.localMail`), and sign in.
 */
import type { SessionState } from '../../../shared/contract/account.contract';
import type { Router } from '../../rpc/router';

/** The password main-level tests sign up with (long enough for the server's rules). */
export const TEST_PASSWORD = 'a long enough password';

export interface TestAccount {
  email: string;
  username: string;
  /** Default: {@link TEST_PASSWORD}. */
  password?: string;
}

/**
 * Calls `op` through the router as an in-process caller and answers its value.
 *
 * Throws with the error's code and message when the call fails (or no services are open).
 */
export async function callOperation<T>(
  services: { readonly router: Router } | null,
  op: string,
  input: unknown,
): Promise<T> {
  if (!services) throw new Error('no services');
  const result = await services.router.handle(op, input, { transport: 'in-process' });
  if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/**
 * Signs `account` up through the router and verifies its email with the token in the newest
 * mail the embedded server wrote to it; does not sign in.
 */
export async function signUpVerified(
  services: { readonly router: Router },
  account: TestAccount,
): Promise<void> {
  const { email, username } = account;
  const password = account.password ?? TEST_PASSWORD;
  await callOperation(services, 'account.signup', { email, password, username });
  const mail = await callOperation<{ messages: { to: string; text: string }[] }>(
    services,
    'account.localMail',
    { limit: 50 },
  );
  // Newest first: the first mail to this address is the verification just sent.
  const text = mail.messages.find((m) => m.to.includes(email))?.text ?? '';
  const token = /token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no verification mail to ${email} in the embedded outbox`);
  await callOperation(services, 'account.verify', { token });
}

/**
 * Signs `account` up, verifies it ({@link signUpVerified}) and signs in; answers the session.
 */
export async function signUpAndLogIn(
  services: { readonly router: Router },
  account: TestAccount,
): Promise<SessionState> {
  await signUpVerified(services, account);
  return callOperation<SessionState>(services, 'account.login', {
    email: account.email,
    password: account.password ?? TEST_PASSWORD,
  });
}
