/**
 * `/v1/health` and `/v1/openapi.json`.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import { healthApi } from '../../../shared/api/health.api';
import type { Env } from '../deps';
import { buildOpenApi } from '../openapi/openapi';

export function healthRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  let openapi: Record<string, unknown> | undefined;

  router.get(healthApi.health.path, async (c) => {
    const { db, storage, config } = c.var.deps;
    const database = await sql`select 1`
      .execute(db)
      .then(() => true)
      .catch(() => false);
    const storageOk = await storage.check();
    const ok = database && storageOk;
    return c.json(
      { status: ok ? 'ok' : 'degraded', database, storage: storageOk, version: config.version },
      ok ? 200 : 503,
    );
  });

  router.get('/v1/openapi.json', (c) => {
    const { config } = c.var.deps;
    openapi ??= buildOpenApi(config.version, config.publicUrl);
    return c.json(openapi);
  });
  return router;
}
