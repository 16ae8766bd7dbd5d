/**
 * Accounts and sessions: sign-up, verification, login (throttled), refresh rotation with reuse
 * detection, logout, password reset. Answers for unknown emails match those for known ones, and
 * emails are sent in the background so that timing does not tell either.
 */
import { sql } from 'kysely';
import type { ClientKind, SessionTokens } from '../../../shared/api/auth.api';
import { AppError } from '../../../shared/errors';
import { applyCredits } from '../credits/repository';
import type { AppDeps } from '../deps';
import { loadPublicUser } from '../users/public-user';
import * as repo from './repository';
import {
  assertNotThrottled,
  clearFailures,
  LOGIN_PER_ACCOUNT,
  LOGIN_PER_IP,
  recordFailure,
} from './throttle';
import { ACCESS_TOKEN_SECONDS, issueAccessToken, signingKeyFor } from './tokens';

const VERIFY_TTL = 48 * 3600;
const RESET_TTL = 3600;

export const SIGNUP_MESSAGE = 'Check your inbox for a link to confirm your email address.';
export const FORGOT_MESSAGE = 'If an account uses this email, a reset link is on its way.';

export class AuthService {
  constructor(private readonly deps: AppDeps) {}

  private mailLater(to: string, subject: string, text: string): void {
    this.deps.background.run('email', () => this.deps.mailer.send({ to, subject, text }));
  }

  /** Creates an account with starter credits, or (known email) tells its owner by email. */
  async signup(input: { email: string; password: string; username: string }): Promise<void> {
    const { db, config } = this.deps;
    const hash = await this.deps.passwords.hash(input.password);
    if (await repo.usernameTaken(db, input.username)) {
      throw new AppError('CONFLICT', 'This username is taken.');
    }
    const existing = await repo.userByEmail(db, input.email);
    if (existing) {
      this.mailLater(
        input.email,
        'Someone tried to sign up with your email',
        `Your email already has a Reelsmith account. To get in, reset your password: ${config.publicUrl}/reset-password\n`,
      );
      return;
    }
    let created: { userId: string; token: string };
    try {
      created = await db.transaction().execute(async (trx) => {
        const user = await trx
          .insertInto('users')
          .values({ email: input.email, username: input.username, password_hash: hash })
          .returning('id')
          .executeTakeFirstOrThrow();
        const token = await repo.createEmailToken(trx, user.id, 'verify', VERIFY_TTL);
        return { userId: user.id, token };
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') {
        if ((error as { constraint?: unknown }).constraint === 'users_username_key') {
          throw new AppError('CONFLICT', 'This username is taken.');
        }
        return;
      }
      throw error;
    }
    if (config.starterCredits > 0) {
      await applyCredits(
        db,
        created.userId,
        config.starterCredits,
        'signup grant',
        `signup:${created.userId}`,
      );
    }
    this.mailLater(
      input.email,
      'Confirm your email for Reelsmith',
      `Welcome to Reelsmith, ${input.username}!\n\nConfirm your email: ${config.publicUrl}/verify-email?token=${created.token}\n`,
    );
  }

  async verify(token: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const used = await repo.consumeEmailToken(trx, token, 'verify');
      if (!used) throw new AppError('VALIDATION', 'This link is invalid or has expired.');
      await trx
        .updateTable('users')
        .set({ email_verified_at: new Date() })
        .where('id', '=', used.user_id)
        .execute();
    });
  }

  async login(
    input: { email: string; password: string; client: ClientKind },
    ip: string,
  ): Promise<SessionTokens> {
    const { db, passwords } = this.deps;
    const accountKey = `login:account:${input.email}`;
    const ipKey = `login:ip:${ip}`;
    await assertNotThrottled(db, [accountKey, ipKey]);
    const user = await repo.userByEmail(db, input.email);
    const ok = user
      ? await passwords.verify(user.password_hash, input.password)
      : (await passwords.burn(input.password), false);
    if (!user || !ok) {
      await recordFailure(db, accountKey, LOGIN_PER_ACCOUNT);
      await recordFailure(db, ipKey, LOGIN_PER_IP);
      throw new AppError('UNAUTHORIZED', 'The email or the password is wrong.');
    }
    if (!user.email_verified_at) {
      throw new AppError('FORBIDDEN', 'Confirm your email first: follow the link we sent you.');
    }
    await clearFailures(db, accountKey);
    const sessionId = await repo.createSession(db, user.id, input.client);
    const refreshToken = await repo.createRefreshToken(db, sessionId);
    return this.tokens(user.id, sessionId, input.client, refreshToken);
  }

  private async tokens(
    userId: string,
    sessionId: string,
    client: ClientKind,
    refreshToken: string,
  ): Promise<SessionTokens> {
    const user = await loadPublicUser(this.deps.db, this.deps.storage, userId);
    if (!user) throw new AppError('UNAUTHORIZED', 'This account no longer exists.');
    const tokens: SessionTokens = {
      accessToken: issueAccessToken(this.deps.secret, sessionId, Math.floor(Date.now() / 1000)),
      refreshToken,
      expiresIn: ACCESS_TOKEN_SECONDS,
      user,
    };
    if (client === 'desktop') tokens.signingKey = signingKeyFor(this.deps.secret, sessionId);
    return tokens;
  }

  /** Rotates a refresh token. A token used twice means it leaked: the whole session ends. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const outcome = await this.deps.db.transaction().execute(async (trx) => {
      const row = await repo.lockRefreshToken(trx, refreshToken);
      if (!row || row.revoked_at) return { kind: 'invalid' as const };
      if (row.used_at) {
        await repo.revokeSession(trx, row.session_id, 'refresh token reuse');
        return { kind: 'reused' as const };
      }
      if (row.expires_at.getTime() < Date.now()) return { kind: 'invalid' as const };
      await trx
        .updateTable('refresh_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', row.token_hash)
        .execute();
      const next = await repo.createRefreshToken(trx, row.session_id);
      return { kind: 'ok' as const, next, row };
    });
    if (outcome.kind === 'reused') {
      this.deps.log.warn('refresh token reuse: session revoked');
      throw new AppError(
        'UNAUTHORIZED',
        'This refresh token was already used; the session has been ended.',
      );
    }
    if (outcome.kind === 'invalid')
      throw new AppError('UNAUTHORIZED', 'This refresh token is invalid or expired.');
    return this.tokens(
      outcome.row.user_id,
      outcome.row.session_id,
      outcome.row.client,
      outcome.next,
    );
  }

  async logout(sessionId: string): Promise<void> {
    await repo.revokeSession(this.deps.db, sessionId, 'logout');
  }

  async forgot(email: string): Promise<void> {
    const { db, config } = this.deps;
    const user = await repo.userByEmail(db, email);
    if (!user) return;
    const token = await repo.createEmailToken(db, user.id, 'reset', RESET_TTL);
    this.mailLater(
      email,
      'Reset your Reelsmith password',
      `Set a new password (the link works for one hour): ${config.publicUrl}/reset-password?token=${token}\n`,
    );
  }

  /** Sets a new password and ends every session of the account. */
  async reset(token: string, password: string): Promise<void> {
    const hash = await this.deps.passwords.hash(password);
    await this.deps.db.transaction().execute(async (trx) => {
      const used = await repo.consumeEmailToken(trx, token, 'reset');
      if (!used) throw new AppError('VALIDATION', 'This link is invalid or has expired.');
      await trx
        .updateTable('users')
        .set({
          password_hash: hash,
          email_verified_at: sql<Date>`coalesce(email_verified_at, now())`,
        })
        .where('id', '=', used.user_id)
        .execute();
      await repo.revokeUserSessions(trx, used.user_id, 'password reset');
    });
  }
}
