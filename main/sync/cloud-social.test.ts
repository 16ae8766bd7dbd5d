/**
 * The owner's video operations and remix through the router against the embedded sync API:
 * update, report, unpublish/republish, delete, and recreate creating a local remix project.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
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

describe('video operations through main (embedded API)', () => {
  it('updates, reports, unpublishes, republishes and deletes a published video; recreate makes a local project', async () => {
    const dataDir = tempDir();
    services = createServices({
      dataDir,
      shell: 'test',
      secretStore: new MemorySecretStore(),
      sync: { backoff: { baseMs: 100, capMs: 500 } },
    });
    await signUpAndLogIn(services, { email: 'owner@example.com', username: 'owner_one' });

    const video = path.join(dataDir, 'render.mp4');
    execFileSync('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=180x320:rate=15:duration=1',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      video,
    ]);
    const project = services.projects.create({
      title: 'Owner clip',
      settings: { lastRenderPath: video },
    });
    const queued = await call<{ id: string }>('sync.publish', {
      projectId: project.id,
      title: 'Owner clip',
    });
    const done = await services.sync.queue.waitFor(queued.id, 60_000);
    const id = done.result?.videoId ?? '';
    expect(id).not.toBe('');

    const updated = await call<{ title: string; description: string | null }>(
      'social.updateVideo',
      { id, title: 'Renamed clip', description: 'Now with words' },
    );
    expect(updated).toMatchObject({ title: 'Renamed clip', description: 'Now with words' });
    expect(await call<{ title: string }>('social.video', { id })).toMatchObject({
      title: 'Renamed clip',
    });
    await call('social.reportVideo', { id, reason: 'testing the report path' });
    const api = await services.sync.server.start();
    const reports = await api.deps.db.selectFrom('video_reports').select('reason').execute();
    expect(reports.map((r) => r.reason)).toEqual(['testing the report path']);

    const hidden = await call<{ status: string }>('social.unpublishVideo', { id });
    expect(hidden.status).toBe('unpublished');
    const feed = await call<{ videos: { id: string }[] }>('social.feed', {});
    expect(feed.videos.map((v) => v.id)).not.toContain(id);
    const shown = await call<{ status: string }>('social.unpublishVideo', {
      id,
      unpublished: false,
    });
    expect(shown.status).not.toBe('unpublished');

    const remix = await call<{ project: { id: string; title: string } }>('social.recreate', {
      id,
    });
    const local = services.projects.get(remix.project.id);
    expect(local.title).toBe(remix.project.title);

    await call('social.deleteVideo', { id });
    const gone = await services.router.handle('social.video', { id }, { transport: 'in-process' });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 240_000);
});
