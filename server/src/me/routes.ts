/**
 * `/v1/me` and `/v1/me/credits`.
 */
import { Hono } from 'hono';
import { meApi } from '../../../shared/api/me.api';
import { AppError } from '../../../shared/errors';
import { balanceOf, listEntries } from '../credits/repository';
import type { Env } from '../deps';
import { mount } from '../http/route';
import { loadMe, updateMe } from './service';

export function meRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  mount(router, meApi.get, async ({ c, user }) => loadMe(c.var.deps, user().userId));
  mount(router, meApi.patch, async ({ c, user, body }) =>
    updateMe(c.var.deps, user().userId, body),
  );
  mount(router, meApi.credits, async ({ c, user, query }) => {
    const { userId } = user();
    if (query.cursor !== undefined && !/^\d{1,18}$/.test(query.cursor)) {
      throw new AppError('VALIDATION', 'Bad cursor.');
    }
    const rows = await listEntries(c.var.deps.db, userId, query.limit + 1, query.cursor);
    const entries = rows.slice(0, query.limit);
    return {
      balance: await balanceOf(c.var.deps.db, userId),
      entries,
      nextCursor: rows.length > query.limit ? (entries.at(-1)?.id ?? null) : null,
    };
  });
  return router;
}
