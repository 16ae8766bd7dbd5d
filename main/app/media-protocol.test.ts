import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { makeFixtures } from '../media/testing-fixtures';
import { createServices, type Services } from '../services';
import { mediaSchemePrivileges, serveMediaFile, stagedFiles } from './protocol';

const tempDir = useTempDirs();
let services: Services;
let sha: string;
let bytes: Buffer;

beforeAll(async () => {
  const fixtures = makeFixtures(tempDir());
  services = createServices({ dataDir: tempDir(), shell: 'electron', lock: false });
  const imported = await services.media.importFile({ path: fixtures.mp4, name: 'clip.mp4' });
  sha = imported.media.sha256;
  expect(imported.media.url).toBe(`media://library/${sha}`);
  bytes = fs.readFileSync(fixtures.mp4);
});
afterAll(() => services.close());

describe('Electron media://', () => {
  it('is privileged for streaming', () => {
    expect(mediaSchemePrivileges.privileges).toMatchObject({ stream: true, secure: true });
  });

  it('serves objects with ranges and refuses other hosts and paths', async () => {
    const root = services.media.files.root;
    const response = serveMediaFile(root, {
      url: `media://library/${sha}`,
      headers: new Headers({ range: 'bytes=0-3' }),
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(0, 4))).toBe(true);
    expect(serveMediaFile(root, { url: `media://other/${sha}` }).status).toBe(404);
    expect(serveMediaFile(root, { url: 'media://library/%2e%2e%2flibrary.sqlite' }).status).toBe(
      404,
    );
    expect(serveMediaFile(root, { url: 'media://library/..%2F..%2Fetc%2Fpasswd' }).status).toBe(
      404,
    );
    expect(serveMediaFile(root, { url: 'media://library//etc/passwd' }).status).toBe(404);
    expect(serveMediaFile(root, { url: 'media://library/%2fetc%2fpasswd' }).status).toBe(404);
  });

  it('refuses a symlink planted in the store that points outside', () => {
    const root = services.media.files.root;
    const planted = 'cd'.padEnd(64, 'e');
    fs.mkdirSync(path.join(root, 'objects', 'cd'), { recursive: true });
    fs.symlinkSync('/etc/hostname', path.join(root, 'objects', 'cd', planted));
    expect(serveMediaFile(root, { url: `media://library/${planted}` }).status).toBe(404);
  });

  it('serves staging handles (proxy renders, frames) at media://files/<id>, with ranges', async () => {
    const root = services.media.files.root;
    const lookup = stagedFiles(services.fileRegistry);
    const target = services.fileRegistry.createStagingTarget('preview.mp4');
    fs.writeFileSync(target.path, bytes);
    const whole = serveMediaFile(root, { url: `media://files/${target.id}` }, lookup);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = serveMediaFile(
      root,
      { url: `media://files/${target.id}`, headers: new Headers({ range: 'bytes=4-9' }) },
      lookup,
    );
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(4, 10))).toBe(true);
  });

  it('never serves a user file by its handle, an unknown handle, or files without a lookup', () => {
    const root = services.media.files.root;
    const lookup = stagedFiles(services.fileRegistry);
    const own = path.join(tempDir(), 'mine.mp4');
    fs.writeFileSync(own, bytes);
    const local = services.fileRegistry.registerLocalFile(own);
    expect(serveMediaFile(root, { url: `media://files/${local.id}` }, lookup).status).toBe(404);
    expect(serveMediaFile(root, { url: 'media://files/no-such-handle' }, lookup).status).toBe(404);
    expect(serveMediaFile(root, { url: 'media://files/..%2F..%2Fetc' }, lookup).status).toBe(404);
    const target = services.fileRegistry.createStagingTarget('later.mp4');
    // A save target not written yet has no bytes to serve.
    expect(serveMediaFile(root, { url: `media://files/${target.id}` }, lookup).status).toBe(404);
    fs.writeFileSync(target.path, bytes);
    expect(serveMediaFile(root, { url: `media://files/${target.id}` }).status).toBe(404);
  });
});
