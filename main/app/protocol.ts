/**
 * The `app://reelsmith/` scheme serving the built renderer, so the page has a real origin that
 * IPC can check, and a strict CSP header.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import {
  contentTypeOf,
  mediaHeaders,
  parseRange,
  resolveMediaPath,
  type MediaFile,
} from '../media/media-serving';
import type { FileRegistry } from '../files/file-registry';
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

/** A staging file behind a file handle (a proxy render, a preview frame), or null. */
export type StagedFileLookup = (handleId: string) => { path: string; name: string } | null;

/** Looks handles up in the registry: only our own staging files, never a user's file. */
export function stagedFiles(registry: Pick<FileRegistry, 'get'>): StagedFileLookup {
  return (id) => {
    try {
      const entry = registry.get(id);
      return entry.origin === 'staging' ? entry : null;
    } catch {
      return null;
    }
  };
}

const HANDLE_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The staged file `media://files/<handle id>` names (as the browser shell's `/files/<id>`). */
function stagedMediaFile(lookup: StagedFileLookup, encodedId: string): MediaFile | null {
  if (!HANDLE_ID.test(encodedId)) return null;
  const entry = lookup(encodedId);
  if (!entry) return null;
  const stat = fs.statSync(entry.path, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  return { file: entry.path, size: stat.size, contentType: contentTypeOf(entry.path) };
}

/**
 * Answers one `media://library/<sha256>`, `media://library/thumbs/<sha256>.jpg` or (with a
 * lookup) `media://files/<handle id>` request, with byte ranges so a video can seek.
 */
export function serveMediaFile(
  mediaRoot: string,
  request: { url: string; headers?: Pick<Headers, 'get'> },
  staged?: StagedFileLookup,
): Response {
  const url = new URL(request.url);
  const sub = url.pathname.replace(/^\//, '');
  const media =
    url.host === 'library'
      ? resolveMediaPath(mediaRoot, sub)
      : url.host === 'files' && staged
        ? stagedMediaFile(staged, sub)
        : null;
  if (!media) return new Response('Not found', { status: 404 });
  const range = parseRange(request.headers?.get('range'), media.size);
  const headers = mediaHeaders(media, range);
  // A handle's file is not content-addressed: never cache it.
  if (url.host === 'files') headers['cache-control'] = 'no-store';
  if (range.status === 416) return new Response(null, { status: 416, headers });
  const body = Readable.toWeb(
    fs.createReadStream(media.file, { start: range.start, end: range.end }),
  ) as ReadableStream<Uint8Array>;
  return new Response(body, { status: range.status, headers });
}

export function registerMediaProtocol(
  protocol: Pick<Protocol, 'handle'>,
  mediaRoot: string,
  staged?: StagedFileLookup,
): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaFile(mediaRoot, request, staged));
}
