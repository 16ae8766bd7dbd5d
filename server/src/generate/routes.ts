/**
 * `/v1/prices` and `/v1/generate/*` (the coach's reply streams).
 */
import { Hono } from 'hono';
import { generateApi, PRICES } from '../../../shared/api/generate.api';
import type { Env } from '../deps';
import { mount, mountStream } from '../http/route';
import { streamCoachReply } from './coach';
import { charged } from './service';
import { makeImage, speak, transcribe, writeScript } from './upstream';

export function generateRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  const key = (c: { req: { header(name: string): string | undefined } }) =>
    c.req.header('idempotency-key') ?? '';
  mount(router, generateApi.prices, async () =>
    Promise.resolve({ currency: 'credits' as const, prices: PRICES }),
  );
  mount(router, generateApi.script, async ({ c, user, body }) =>
    charged(c.var.deps, user().userId, 'script', key(c), async () => ({
      text: await writeScript(c.var.deps, body.prompt, body.system),
    })),
  );
  mount(router, generateApi.image, async ({ c, user, body }) =>
    charged(c.var.deps, user().userId, 'image', key(c), async () => ({
      imageBase64: await makeImage(c.var.deps, body.prompt, body.size),
    })),
  );
  mount(router, generateApi.speech, async ({ c, user, body }) =>
    charged(c.var.deps, user().userId, 'speech', key(c), () =>
      speak(c.var.deps, body.text, body.voice, body.format),
    ),
  );
  mount(router, generateApi.transcription, async ({ c, user, body }) =>
    charged(c.var.deps, user().userId, 'transcription', key(c), () =>
      transcribe(c.var.deps, body.audioBase64, body.filename),
    ),
  );
  mountStream(router, generateApi.coach, async ({ c, user, body }, idempotencyKey) =>
    streamCoachReply(c.var.deps, user().userId, idempotencyKey, body.messages),
  );
  return router;
}
