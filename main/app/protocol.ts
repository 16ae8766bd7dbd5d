/**
 * The `app://reelsmith/` scheme serving the built renderer, so the page has a real origin that
 * IPC can check, and a strict CSP header.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { mediaHeaders, parseRange, resolveMediaPath } from '../media/media-serving';
import { CLOUD_MEDIA_SOURCES, contentSecurityPolicy } from '../shell/csp';
import { contentTypeFor, resolveInside } from '../shell/static-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://reelsmith';

export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** Answers one request for the renderer; unknown paths without an extension get index.html. */
export function serveRendererFile(rendererDir: string, requestUrl: string): Response {
  const url = new URL(requestUrl);
  if (url.host !== 'reelsmith') return new Response('Not found', { status: 404 });
  const isAsset = url.pathname !== '/' && /\.[a-z0-9]+$/i.test(url.pathname);
  const file = resolveInside(rendererDir, isAsset ? url.pathname : '/index.html');
  if (!file) return new Response('Not found', { status: 404 });
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': contentTypeFor(file),
      'content-security-policy': contentSecurityPolicy({
        media: ['media:', ...CLOUD_MEDIA_SOURCES],
      }),
      'x-content-type-options': 'nosniff',
    },
  });
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request.url));
}

export const MEDIA_SCHEME = 'media';

/** `media://library/...`: privileged so <video> can stream and seek it; never a page origin. */
export const mediaSchemePrivileges = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/** Answers one `media://library/<sha256>` or `media://library/thumbs/<sha256>.jpg` request. */
export function serveMediaFile(
  mediaRoot: string,
  request: { url: string; headers?: Pick<Headers, 'get'> },
): Response {
  const url = new URL(request.url);
  if (url.host !== 'library') return new Response('Not found', { status: 404 });
  const media = resolveMediaPath(mediaRoot, url.pathname.replace(/^\//, ''));
  if (!media) return new Response('Not found', { status: 404 });
  const range = parseRange(request.headers?.get('range'), media.size);
  const headers = mediaHeaders(media, range);
  if (range.status === 416) return new Response(null, { status: 416, headers });
  const body = Readable.toWeb(
    fs.createReadStream(media.file, { start: range.start, end: range.end }),
  ) as ReadableStream<Uint8Array>;
  return new Response(body, { status: range.status, headers });
}

export function registerMediaProtocol(protocol: Pick<Protocol, 'handle'>, mediaRoot: string): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaFile(mediaRoot, request));
}
