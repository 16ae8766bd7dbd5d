/**
 * `account.*`: the creator's cloud account, through main (the renderer never calls the sync API).
 *
 * Main holds the session tokens in the secret store, refreshes them with rotation and signs every
 * request; the renderer only ever sees the public account and a `sync.session` event when the
 * session ends.
 */
import { z } from 'zod';
import { Email, Password, PublicUserSchema, Username } from '../api/auth.api';
import { GenerateAction } from '../api/generate.api';
import { CreditEntrySchema, MeSchema } from '../api/me.api';
import { operation } from './define';

/** The signed-in account as the sync API reports it (email, verification, balance, storage). */
export const Account = MeSchema;
export type Account = z.infer<typeof Account>;

export const PublicUser = PublicUserSchema;
export type PublicUser = z.infer<typeof PublicUser>;

/** Which sync API main talks to and whether a session is stored. Answered without the network. */
export const SessionState = z.object({
  signedIn: z.boolean(),
  /** The account of the stored session; null when signed out. */
  user: PublicUserSchema.nullable(),
  /** Base URL of the sync API in use. */
  serverUrl: z.string(),
  /** True when no cloud URL is configured and the studio runs the sync API itself on this machine. */
  embedded: z.boolean(),
});
export type SessionState = z.infer<typeof SessionState>;

/** `{ ok, message }` answers of actions the server confirms without a richer result. */
export const Done = z.object({ ok: z.literal(true), message: z.string().optional() });
export type Done = z.infer<typeof Done>;

export const CreditsPage = z.object({
  balance: z.number().int(),
  /** Newest first. */
  entries: z.array(CreditEntrySchema),
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: z.string().nullable(),
});
export type CreditsPage = z.infer<typeof CreditsPage>;

export const Prices = z.object({
  currency: z.literal('credits'),
  prices: z.record(GenerateAction, z.number().int()),
});
export type Prices = z.infer<typeof Prices>;

/** An email the embedded server wrote to its outbox (no SMTP on a single machine). */
export const LocalMail = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  at: z.string(),
});
export type LocalMail = z.infer<typeof LocalMail>;

const Cursor = z.string().min(1).max(512);

export const accountOperations = {
  'account.session': operation({
    doc: 'Whether a session is stored, for which account, and which sync API is used; no network.',
    input: z.object({}).strict(),
    output: SessionState,
  }),
  'account.signup': operation({
    doc: 'Creates an account and sends a verification email (the same answer for a known email).',
    input: z.object({ email: Email, password: Password, username: Username }).strict(),
    output: Done,
  }),
  'account.verify': operation({
    doc: 'Confirms an email address with the token from the verification email.',
    input: z.object({ token: z.string().trim().min(16).max(200) }).strict(),
    output: Done,
  }),
  'account.login': operation({
    doc: 'Signs in as a desktop session (tokens kept in the secret store, requests signed); emits sync.session.',
    input: z.object({ email: Email, password: z.string().min(1).max(256) }).strict(),
    output: SessionState,
  }),
  'account.logout': operation({
    doc: 'Ends the session on the server (best effort when offline) and forgets it here; emits sync.session.',
    input: z.object({}).strict(),
    output: SessionState,
  }),
  'account.forgotPassword': operation({
    doc: 'Emails a password-reset link (the same answer for an unknown email).',
    input: z.object({ email: Email }).strict(),
    output: Done,
  }),
  'account.resetPassword': operation({
    doc: 'Sets a new password with a reset token; every session of the account ends.',
    input: z.object({ token: z.string().trim().min(16).max(200), password: Password }).strict(),
    output: Done,
  }),
  'account.me': operation({
    doc: 'The signed-in account (UNAUTHORIZED when signed out).',
    input: z.object({}).strict(),
    output: Account,
  }),
  'account.update': operation({
    doc: 'Changes the username and/or the avatar (a file handle from files.*, uploaded through the queue; null removes it).',
    input: z
      .object({
        username: Username.optional(),
        /** A `FileHandle` id (PNG, JPEG or WebP, at most 5 MB), or null to remove the avatar. */
        avatarFileId: z.string().min(1).max(100).nullable().optional(),
      })
      .strict(),
    output: Account,
  }),
  'account.credits': operation({
    doc: 'The credits balance and one page of the ledger, newest first.',
    input: z
      .object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(50).default(20) })
      .strict(),
    output: CreditsPage,
  }),
  'account.prices': operation({
    doc: 'What each cloud generation action costs, in credits.',
    input: z.object({}).strict(),
    output: Prices,
  }),
  'account.localMail': operation({
    doc: 'Embedded server only: the emails it wrote (verification and reset links), newest first; UNSUPPORTED with a cloud URL.',
    input: z.object({ limit: z.number().int().min(1).max(50).default(10) }).strict(),
    output: z.object({ messages: z.array(LocalMail) }),
  }),
};
