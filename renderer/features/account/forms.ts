/**
 * Client-side checks of the account forms, with the same schemas the server validates with, so
 * a mistake is named beside its field before anything is sent.
 */
import { Email, Password, Username } from '../../../shared/api/auth.api';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** True when `schema` rejects `value`. */
function invalid(schema: { safeParse(value: unknown): { success: boolean } }, value: string) {
  return !schema.safeParse(value).success;
}

const EMAIL = 'Enter an email address like name@example.com.';
const PASSWORD = 'Passwords are at least 10 characters.';
const USERNAME = 'Usernames are 3 to 30 letters, digits or underscores.';

export function validateSignUp(form: {
  email: string;
  password: string;
  username: string;
}): FieldErrors<'email' | 'password' | 'username'> {
  const errors: FieldErrors<'email' | 'password' | 'username'> = {};
  if (invalid(Email, form.email)) errors.email = EMAIL;
  if (invalid(Password, form.password)) errors.password = PASSWORD;
  if (invalid(Username, form.username)) errors.username = USERNAME;
  return errors;
}

export function validateSignIn(form: {
  email: string;
  password: string;
}): FieldErrors<'email' | 'password'> {
  const errors: FieldErrors<'email' | 'password'> = {};
  if (invalid(Email, form.email)) errors.email = EMAIL;
  if (form.password.length === 0) errors.password = 'Enter your password.';
  return errors;
}

export function validateUsername(username: string): string | undefined {
  return invalid(Username, username) ? USERNAME : undefined;
}

export function validateNewPassword(password: string): string | undefined {
  return invalid(Password, password) ? PASSWORD : undefined;
}

/**
 * Accepts a pasted verification or reset link, or the bare token, and returns the token.
 *
 * Links carry it as `?token=` (or `#token=`); anything else is taken as the token itself.
 */
export function extractToken(input: string): string {
  const text = input.trim();
  const match = /[?#&]token=([^&#\s]+)/.exec(text);
  if (match?.[1]) return decodeURIComponent(match[1]);
  return text;
}

/** True when `token` has the shape the server accepts (16 to 200 characters). */
export function isTokenShaped(token: string): boolean {
  return token.length >= 16 && token.length <= 200;
}
