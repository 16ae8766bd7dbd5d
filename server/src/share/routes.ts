/**
 * `GET /v/:id`: the public share page of a ready video (public or unlisted), with Open Graph and
 * Twitter card tags so links unfurl in chats and social networks.
 */
import { Hono } from 'hono';
import type { Env } from '../deps';
import { VideosService } from '../videos/service';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function shareRoutes(): Hono<Env> {
  const router = new Hono<Env>();
  router.get('/v/:id', async (c) => {
    const id = c.req.param('id');
    const video = /^[0-9a-f-]{36}$/.test(id)
      ? await new VideosService(c.var.deps).visible(id, null).catch(() => undefined)
      : undefined;
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; media-src *; img-src *; style-src 'unsafe-inline'",
    );
    c.header('Referrer-Policy', 'no-referrer');
    if (!video) {
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>Not found</title><p>This video is not available.</p>',
        404,
      );
    }
    const page = `${c.var.deps.config.publicUrl}/v/${video.id}`;
    const title = escape(video.title);
    const description = escape(video.description ?? `A short by @${video.username} on Reelsmith`);
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Reelsmith</title>
<meta name="description" content="${description}">
${video.visibility === 'unlisted' ? '<meta name="robots" content="noindex">\n' : ''}<meta property="og:type" content="video.other">
<meta property="og:site_name" content="Reelsmith">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${escape(page)}">
<meta property="og:image" content="${escape(video.thumbnailUrl)}">
<meta property="og:video" content="${escape(video.videoUrl)}">
<meta property="og:video:type" content="video/mp4">
<meta property="og:video:width" content="1080">
<meta property="og:video:height" content="1920">
<meta name="twitter:card" content="player">
<meta name="twitter:title" content="${title}">
<meta name="twitter:image" content="${escape(video.thumbnailUrl)}">
<style>body{margin:0;background:#111;color:#eee;font-family:system-ui,sans-serif;display:flex;flex-direction:column;align-items:center}video{max-height:85vh;max-width:100vw;aspect-ratio:9/16;background:#000}</style>
</head><body>
<video src="${escape(video.videoUrl)}" poster="${escape(video.thumbnailUrl)}" controls playsinline preload="metadata"></video>
<h1>${title}</h1><p>by @${escape(video.username)} · ${video.views} views · ${video.likes} likes</p>
</body></html>`;
    return c.html(html);
  });
  return router;
}
