/**
 * The cloud operations end to end through the router, against the embedded sync API that the
 * data-folder owner runs: sign-up, the emailed token, login, publish a rendered project, feed,
 * reactions, remix; the port is kept across restarts.
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

describe('cloud sync through the router (embedded API)', () => {
  it('signs up, verifies, logs in, publishes a render once, and remixes it', async () => {
    const dataDir = tempDir();
    const secretStore = new MemorySecretStore();
    const open = () =>
      createServices({
        dataDir,
        shell: 'test',
        secretStore,
        sync: { backoff: { baseMs: 100, capMs: 500 } },
      });
    services = open();
    const signedOut = await call<{ signedIn: boolean; embedded: boolean }>('account.session', {});
    expect(signedOut).toMatchObject({ signedIn: false, embedded: true });
    const unauthorized = await services.router.handle(
      'account.me',
      {},
      { transport: 'in-process' },
    );
    expect(unauthorized).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    // The verification token comes from the mail the embedded server wrote to this address.
    const session = await signUpAndLogIn(services, {
      email: 'maker@example.com',
      username: 'maker_one',
    });
    expect(session).toMatchObject({ signedIn: true, user: { username: 'maker_one' } });
    const me = await call<{ balance: number; emailVerified: boolean }>('account.me', {});
    expect(me).toMatchObject({ emailVerified: true });
    expect(me.balance).toBeGreaterThan(0);
    const credits = await call<{ entries: unknown[] }>('account.credits', {});
    expect(credits.entries.length).toBeGreaterThan(0);

    const video = path.join(dataDir, 'render.mp4');
    execFileSync('/usr/bin/ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=180x320:rate=15:duration=2',
      '-pix_fmt',
      'yuv420p',
      '-c:v',
      'libx264',
      video,
    ]);
    const project = services.projects.create({
      title: 'Two seconds',
      settings: { lastRenderPath: video },
    });
    const queued = await call<{ id: string }>('sync.publish', {
      projectId: project.id,
      title: 'Two seconds',
    });
    const done = await services.sync.queue.waitFor(queued.id, 60_000);
    expect(done.result?.videoId).toBeTruthy();
    const published = await call<{ published: { videoId: string; shareUrl: string } }>(
      'sync.published',
      {
        projectId: project.id,
      },
    );
    expect(published.published.videoId).toBe(done.result?.videoId);
    const videoId = published.published.videoId;
    const fetched = await call<{ title: string; durationSeconds: number }>('social.video', {
      id: videoId,
    });
    expect(fetched.title).toBe('Two seconds');
    expect(fetched.durationSeconds).toBeCloseTo(2, 0);
    const reaction = await call<{ likes: number; myReaction: string }>('social.react', {
      id: videoId,
      reaction: 'like',
    });
    expect(reaction).toEqual({ likes: 1, dislikes: 0, myReaction: 'like' });
    const remix = await call<{
      project: { id: string; settings: { remix: { sourceVideoId: string } } };
    }>('social.recreate', { id: videoId });
    expect(remix.project.settings.remix.sourceVideoId).toBe(videoId);
    const list = await call<{ items: { id: string; state: string }[] }>('sync.list', {});
    expect(list.items.map((i) => i.state)).toEqual(['done']);

    const port = services.settings.get().syncPort;
    await services.close();
    services = open();
    await services.sync.start();
    expect(services.settings.get().syncPort).toBe(port);
    const again = await call<{ signedIn: boolean }>('account.session', {});
    expect(again.signedIn).toBe(true);
    const stillOne = await call<{ videos: { id: string }[] }>('social.userVideos', {
      id: (await call<{ id: string }>('account.me', {})).id,
    });
    expect(stillOne.videos.map((v) => v.id)).toEqual([videoId]);
    await call('account.logout', {});
    expect((await call<{ signedIn: boolean }>('account.session', {})).signedIn).toBe(false);
  }, 240_000);
});
