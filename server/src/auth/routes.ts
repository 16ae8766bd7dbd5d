/**
 * `/v1/auth/*`.
 */
import { Hono } from 'hono';
import { authApi } from '../../../shared/api/auth.api';
import type { Env } from '../deps';
import { clientIp } from '../http/client-ip';
import { mount } from '../http/route';
import { AuthService, FORGOT_MESSAGE, SIGNUP_MESSAGE } from './service';

export function authRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  const service = (deps: Env['Variables']['deps']) => new AuthService(deps);

  mount(router, authApi.signup, async ({ c, body }) => {
    await service(c.var.deps).signup(body);
    return { ok: true as const, message: SIGNUP_MESSAGE };
  });
  mount(router, authApi.verify, async ({ c, body }) => {
    await service(c.var.deps).verify(body.token);
    return { ok: true as const };
  });
  mount(router, authApi.login, async ({ c, body }) => service(c.var.deps).login(body, clientIp(c)));
  mount(router, authApi.refresh, async ({ c, body }) =>
    service(c.var.deps).refresh(body.refreshToken),
  );
  mount(router, authApi.logout, async ({ c, user }) => {
    await service(c.var.deps).logout(user().sessionId);
    return { ok: true as const };
  });
  mount(router, authApi.forgot, async ({ c, body }) => {
    await service(c.var.deps).forgot(body.email);
    return { ok: true as const, message: FORGOT_MESSAGE };
  });
  mount(router, authApi.reset, async ({ c, body }) => {
    await service(c.var.deps).reset(body.token, body.password);
    return { ok: true as const };
  });
  return router;
}
