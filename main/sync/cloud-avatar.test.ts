/**
 * account.update with an avatar through the router against the embedded sync API: the file
 * handle goes up through the queue, the account's avatarUrl is served as the image uploaded,
 * and null removes it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { MemorySecretStore } from '../secrets/secret-store';
import { createServices, type Services } from '../services';
import { callOperation, signUpAndLogIn } from './testing/account';

const tempDir = useTempDirs();
let services: Services | null = null;
afterAll(async () => {
  await services?.close();
}, 60_000);

const call = <T>(op: string, input: unknown) => callOperation<T>(services, op, input);

describe('account.update with an avatar (embedded API)', () => {
  it('uploads the avatar file, serves it at avatarUrl, and removes it with null', async () => {
    const dataDir = tempDir();
    services = createServices({
      dataDir,
      shell: 'test',
      secretStore: new MemorySecretStore(),
      sync: { backoff: { baseMs: 100, capMs: 500 } },
    });
    await signUpAndLogIn(services, { email: 'avatar@example.com', username: 'avatar_one' });
    expect(await call<{ avatarUrl: string | null }>('account.me', {})).toMatchObject({
      avatarUrl: null,
    });

    const image = path.join(dataDir, 'avatar.png');
    await sharp({ create: { width: 96, height: 96, channels: 3, background: '#e91e63' } })
      .png()
      .toFile(image);
    const handle = await call<{ id: string }>('files.fromPath', { path: image });
    const updated = await call<{ username: string; avatarUrl: string | null }>('account.update', {
      username: 'avatar_two',
      avatarFileId: handle.id,
    });
    expect(updated.username).toBe('avatar_two');
    expect(updated.avatarUrl).toMatch(/^https?:\/\//);

    // Served: an image of the uploaded size (the server may re-encode, never resize it to 0).
    const served = await fetch(updated.avatarUrl ?? '');
    expect(served.status).toBe(200);
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.width).toBeGreaterThan(0);
    expect(meta.height).toBeGreaterThan(0);
    expect(await call<{ avatarUrl: string | null }>('account.me', {})).toMatchObject({
      avatarUrl: updated.avatarUrl,
    });

    // Not an image: refused with a clear error, the avatar kept.
    const notImage = path.join(dataDir, 'notes.png');
    fs.writeFileSync(notImage, 'just some text');
    const badHandle = await call<{ id: string }>('files.fromPath', { path: notImage });
    const refused = await services.router.handle(
      'account.update',
      { avatarFileId: badHandle.id },
      { transport: 'in-process' },
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringMatching(/notes\.png.*PNG, JPEG or WebP/),
      },
    });
    expect(await call<{ avatarUrl: string | null }>('account.me', {})).toMatchObject({
      avatarUrl: updated.avatarUrl,
    });

    const removed = await call<{ avatarUrl: string | null }>('account.update', {
      avatarFileId: null,
    });
    expect(removed.avatarUrl).toBeNull();
  }, 120_000);
});
