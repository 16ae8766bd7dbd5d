/**
 * `/v1/uploads/*`.
 */
import { Hono } from 'hono';
import { uploadsApi } from '../../../shared/api/uploads.api';
import type { Env } from '../deps';
import { mount } from '../http/route';
import { UploadsService } from './service';

export function uploadsRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  const service = (c: { var: Env['Variables'] }) => new UploadsService(c.var.deps);
  mount(router, uploadsApi.create, async ({ c, user, body }) =>
    service(c).create(user().userId, body),
  );
  mount(router, uploadsApi.get, async ({ c, user, id }) => service(c).status(user().userId, id));
  mount(router, uploadsApi.parts, async ({ c, user, id, body }) =>
    service(c).recordParts(user().userId, id, body.parts),
  );
  mount(router, uploadsApi.complete, async ({ c, user, id, body }) =>
    service(c).complete(user().userId, id, body.parts, body.sha256),
  );
  mount(router, uploadsApi.abort, async ({ c, user, id }) => {
    await service(c).abort(user().userId, id);
    return { ok: true as const };
  });
  return router;
}
