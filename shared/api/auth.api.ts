/**
 * Accounts: sign-up with email verification, login, refresh-token rotation, password reset.
 */
import { z } from 'zod';
import { endpoint, OkResponse } from './define.api';

export const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const Password = z.string().min(10).max(256);
export const Username = z
  .string()
  .regex(/^[A-Za-z0-9_]{3,30}$/, 'Usernames are 3 to 30 letters, digits or underscores.');

/** Which kind of client a session belongs to; `desktop` sessions sign their requests. */
export const ClientKind = z.enum(['desktop', 'web', 'script']);
export type ClientKind = z.infer<typeof ClientKind>;

/** The public face of an account. */
export const PublicUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  avatarUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type PublicUser = z.infer<typeof PublicUserSchema>;

export const SessionTokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  user: PublicUserSchema,
  /** Desktop sessions only: the key signing every mutating request (see README "Sync API"). */
  signingKey: z.string().optional(),
});
export type SessionTokens = z.infer<typeof SessionTokensSchema>;

export const authApi = {
  signup: endpoint({
    method: 'POST',
    path: '/v1/auth/signup',
    summary: 'Create an account and send a verification email (same answer for known emails)',
    tag: 'auth',
    auth: 'none',
    status: 201,
    body: z.object({ email: Email, password: Password, username: Username }),
    response: OkResponse,
  }),
  verify: endpoint({
    method: 'POST',
    path: '/v1/auth/verify',
    summary: 'Confirm an email address with the token from the verification email',
    tag: 'auth',
    auth: 'none',
    body: z.object({ token: z.string().min(16).max(200) }),
    response: OkResponse,
  }),
  login: endpoint({
    method: 'POST',
    path: '/v1/auth/login',
    summary: 'Open a session; desktop clients also receive a request-signing key',
    tag: 'auth',
    auth: 'none',
    body: z.object({
      email: Email,
      password: z.string().min(1).max(256),
      client: ClientKind.default('web'),
    }),
    response: SessionTokensSchema,
  }),
  refresh: endpoint({
    method: 'POST',
    path: '/v1/auth/refresh',
    summary: 'Rotate a refresh token; reusing an old one revokes the whole session',
    tag: 'auth',
    auth: 'none',
    body: z.object({ refreshToken: z.string().min(16).max(200) }),
    response: SessionTokensSchema,
  }),
  logout: endpoint({
    method: 'POST',
    path: '/v1/auth/logout',
    summary: 'End the current session',
    tag: 'auth',
    auth: 'required',
    response: OkResponse,
  }),
  forgot: endpoint({
    method: 'POST',
    path: '/v1/auth/password/forgot',
    summary: 'Email a password-reset link (same answer for unknown emails)',
    tag: 'auth',
    auth: 'none',
    body: z.object({ email: Email }),
    response: OkResponse,
  }),
  reset: endpoint({
    method: 'POST',
    path: '/v1/auth/password/reset',
    summary: 'Set a new password with a reset token; ends every session of the account',
    tag: 'auth',
    auth: 'none',
    body: z.object({ token: z.string().min(16).max(200), password: Password }),
    response: OkResponse,
  }),
};
