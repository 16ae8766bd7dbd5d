import { describe, expect, it } from 'vitest';
import {
  extractToken,
  isTokenShaped,
  validateNewPassword,
  validateSignIn,
  validateSignUp,
  validateUsername,
} from './forms';

describe('account forms', () => {
  it('accepts a valid sign-up and names each bad field', () => {
    expect(
      validateSignUp({ email: 'a@example.com', password: 'long enough pw', username: 'ann_1' }),
    ).toEqual({});
    const errors = validateSignUp({ email: 'nope', password: 'short', username: 'a b' });
    expect(Object.keys(errors).sort()).toEqual(['email', 'password', 'username']);
    expect(errors.password).toMatch(/10 characters/);
  });

  it('checks sign-in and single fields', () => {
    expect(validateSignIn({ email: ' A@Example.com ', password: 'x' })).toEqual({});
    expect(validateSignIn({ email: 'a@example.com', password: '' }).password).toBeDefined();
    expect(validateUsername('ok_name')).toBeUndefined();
    expect(validateUsername('no')).toMatch(/3 to 30/);
    expect(validateNewPassword('0123456789')).toBeUndefined();
  });

  it('takes the token out of a pasted link, or the token itself', () => {
    const token = 'abcdefghijklmnopqrstuvwxyz012345';
    expect(extractToken(`http://127.0.0.1:8787/verify-email?token=${token}`)).toBe(token);
    expect(extractToken(`  ${token}\n`)).toBe(token);
    expect(extractToken(`https://x/reset-password?a=1&token=${token}#top`)).toBe(token);
    expect(isTokenShaped(token)).toBe(true);
    expect(isTokenShaped('short')).toBe(false);
  });
});
