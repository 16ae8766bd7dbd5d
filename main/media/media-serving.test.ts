import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { createServices, type Services } from '../services';
import { startBrowserShell, type BrowserShell } from '../shell/browser-shell';
import { parseRange } from './media-serving';
import { makeFixtures } from './testing-fixtures';

const tempDir = useTempDirs();
let services: Services;
let shell: BrowserShell;
let sha: string;
let bytes: Buffer;

/** Raw HTTP GET (fetch would normalise `..` and encoded dots away before sending). */
function get(rawPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: shell.port, path: rawPath, headers: { ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end();
    },
  );
}
const authed = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${shell.token}`,
  ...extra,
});

beforeAll(async () => {
  const fixtures = makeFixtures(tempDir());
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
  services = createServices({ dataDir: tempDir(), shell: 'browser', lock: false });
  const imported = await services.media.importFile({ path: fixtures.mp4, name: 'clip.mp4' });
  sha = imported.media.sha256;
  expect(imported.media.url).toBe(`/media/${sha}`);
  bytes = fs.readFileSync(fixtures.mp4);
  shell = await startBrowserShell({ services, rendererDir });
});
afterAll(async () => {
  await shell.close();
  await services.close();
});

describe('browser shell /media/', () => {
  it('needs the token', async () => {
    expect((await get(`/media/${sha}`)).status).toBe(401);
  });

  it('serves an object with its real content type, and byte ranges', async () => {
    const whole = await get(`/media/${sha}`, authed());
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(bytes)).toBe(true);
    const part = await get(`/media/${sha}`, authed({ range: 'bytes=10-19' }));
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${bytes.length}`);
    expect(part.body.equals(bytes.subarray(10, 20))).toBe(true);
    const tail = await get(`/media/${sha}`, authed({ range: 'bytes=-5' }));
    expect(tail.body.equals(bytes.subarray(bytes.length - 5))).toBe(true);
    const beyond = await get(`/media/${sha}`, authed({ range: `bytes=${bytes.length}-` }));
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${bytes.length}`);
  });

  it('serves cached thumbnails', async () => {
    const media = services.media.list({ limit: 1, offset: 0 }).items[0]!;
    const thumb = await services.media.thumbnail(media.id);
    const response = await get(thumb.url, authed());
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
  });

  it('never leaves the store: .., encoded dots, absolute paths, symlinks out → 404', async () => {
    const root = services.media.files.root;
    const planted = 'ab'.padEnd(64, 'c');
    fs.mkdirSync(path.join(root, 'objects', 'ab'), { recursive: true });
    fs.symlinkSync('/etc/hostname', path.join(root, 'objects', 'ab', planted));
    for (const attempt of [
      '/media/../../../../etc/passwd',
      '/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/media/..%2f..%2f..%2fetc%2fpasswd',
      '/media/%2fetc%2fpasswd',
      '/media//etc/passwd',
      `/media/objects/${sha.slice(0, 2)}/${sha}`,
      `/media/${planted}`,
      `/media/thumbs/..%2f..%2flibrary.sqlite`,
      '/media/%00',
    ]) {
      const response = await get(attempt, authed());
      // `..` before `/media/` is resolved by URL parsing and lands on the app page itself.
      const isAppPage = response.body.toString() === '<!doctype html>';
      expect(isAppPage || response.status === 404, attempt).toBe(true);
      expect(response.body.toString()).not.toMatch(/root:|SQLite/);
    }
  });
});

describe('parseRange', () => {
  it('parses ranges strictly', () => {
    expect(parseRange('bytes=5-', 10)).toEqual({ status: 206, start: 5, end: 9 });
    expect(parseRange('bytes=0-100', 10)).toEqual({ status: 206, start: 0, end: 9 });
    expect(parseRange('bytes=7-3', 10)).toEqual({ status: 416 });
    expect(parseRange('items=1-2', 10)).toEqual({ status: 416 });
    expect(parseRange('bytes=0-1,3-4', 10).status).toBe(200);
  });
});
