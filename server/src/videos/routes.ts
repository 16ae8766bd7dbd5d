/**
 * `/v1/videos/*`.
 */
import { Hono } from 'hono';
import { videosApi } from '../../../shared/api/videos.api';
import type { Env } from '../deps';
import { mount } from '../http/route';
import { VideosService } from './service';

export function videosRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  const service = (c: { var: Env['Variables'] }) => new VideosService(c.var.deps);
  const ok = { ok: true as const };
  mount(router, videosApi.create, async ({ c, user, body }) =>
    service(c).publish(user().userId, body),
  );
  mount(router, videosApi.get, async ({ c, auth, id }) =>
    service(c).visible(id, auth?.userId ?? null),
  );
  mount(router, videosApi.patch, async ({ c, user, id, body }) =>
    service(c).update(id, user().userId, body),
  );
  mount(router, videosApi.delete, async ({ c, user, id }) => {
    await service(c).remove(id, user().userId);
    return ok;
  });
  mount(router, videosApi.report, async ({ c, user, id, body }) => {
    await service(c).report(id, user().userId, body.reason);
    return ok;
  });
  mount(router, videosApi.reaction, async ({ c, user, id, body }) =>
    service(c).react(id, user().userId, body.reaction),
  );
  mount(router, videosApi.view, async ({ c, auth, id, body }) =>
    service(c).view(id, auth?.userId ?? null, body.sessionId),
  );
  mount(router, videosApi.recreate, async ({ c, user, id }) =>
    service(c).recreate(id, user().userId),
  );
  return router;
}
