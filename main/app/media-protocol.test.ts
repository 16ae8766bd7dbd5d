import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { makeFixtures } from '../media/testing-fixtures';
import { createServices, type Services } from '../services';
import { mediaSchemePrivileges, serveMediaFile } from './protocol';

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
});
