/**
 * Builds the Hono application of one API instance: request ids and JSON logs, body limits,
 * security headers, the error shape, and every feature's routes.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../shared/errors';
import { assetsRoutes } from './assets/routes';
import { authRoutes } from './auth/routes';
import type { AppDeps, Env } from './deps';
import { feedRoutes } from './feed/routes';
import { generateRoutes } from './generate/routes';
import { healthRoutes } from './health/routes';
import { errorBody, errorResponse } from './http/errors';
import { describeError } from './http/logger';
import { meRoutes } from './me/routes';
import { shareRoutes } from './share/routes';
import { storageRoutes } from './storage/routes';
import { uploadsRoutes } from './uploads/routes';
import { usersRoutes } from './users/routes';
import { videosRoutes } from './videos/routes';

/** JSON bodies are small; the exceptions are raw upload parts and audio for transcription. */
const JSON_LIMIT = 64 * 1024;
const TRANSCRIPTION_LIMIT = 16 * 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const tooLarge = () => {
    throw new AppError('TOO_LARGE', 'The request body is too large.');
  };
  const limits = {
    json: bodyLimit({ maxSize: JSON_LIMIT, onError: tooLarge }),
    transcription: bodyLimit({ maxSize: TRANSCRIPTION_LIMIT, onError: tooLarge }),
  };

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.header('X-Request-Id', requestId);
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    deps.log.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/v1/storage/parts/')) return next();
    const limit = c.req.path === '/v1/generate/transcription' ? limits.transcription : limits.json;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- hono's middleware type is generic over any Env
    return limit(c, next);
  });

  app.route('/', healthRoutes());
  app.route('/', authRoutes());
  app.route('/', meRoutes());
  app.route('/', uploadsRoutes());
  app.route('/', storageRoutes());
  app.route('/', videosRoutes());
  app.route('/', feedRoutes());
  app.route('/', usersRoutes());
  app.route('/', generateRoutes());
  app.route('/', assetsRoutes());
  app.route('/', shareRoutes());

  app.notFound((c) => c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    const { response, bug } = errorResponse(c, error);
    if (bug) {
      deps.log.error('unhandled error', { requestId: c.var.requestId, ...describeError(error) });
    }
    return response;
  });
  return app;
}
