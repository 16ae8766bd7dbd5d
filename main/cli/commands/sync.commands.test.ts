/**
 * `reelsmith login`, `publish` and `queue` in-process, against the embedded sync API the CLI
 * runs for its duration (no cloud URL set).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../../tests/helpers/run-cli';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { MemorySecretStore } from '../../secrets/secret-store';
import { createServices } from '../../services';
import { signUpVerified, TEST_PASSWORD } from '../../sync/testing/account';

const tempDir = useTempDirs();

describe('reelsmith login / publish / queue', () => {
  it('signs in from stdin, publishes a render with its share URL, and lists the queue', async () => {
    const dataDir = tempDir();
    const email = 'cli-maker@example.com';
    const password = TEST_PASSWORD;
    // Sign up and verify through the services (the CLI has no sign-up command).
    const services = createServices({
      dataDir,
      shell: 'test',
      secretStore: new MemorySecretStore(),
    });
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
    let projectId = '';
    try {
      await signUpVerified(services, { email, password, username: 'cli_maker' });
      projectId = services.projects.create({
        title: 'From the CLI',
        settings: { lastRenderPath: video },
      }).id;
    } finally {
      await services.close();
    }
    const env = { REELSMITH_DATA_DIR: dataDir };

    const noPassword = await runCliCaptured(['login', '--email', email], env);
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.err).toMatch(/--password-stdin/);

    const login = await runCliCaptured(
      ['login', '--email', email, '--password-stdin'],
      env,
      `${password}\n`,
    );
    expect(login.err).toBe('');
    expect(login.out).toMatch(/^Signed in as cli_maker at http:\/\/127\.0\.0\.1:\d+/);

    const published = await runCliCaptured(['publish', projectId, '--json'], env);
    expect(published.err).toBe('');
    const result = JSON.parse(published.out) as { videoId: string; shareUrl: string };
    expect(result.shareUrl).toMatch(new RegExp(`/v/${result.videoId}$`));

    const queue = await runCliCaptured(['queue', '--json'], env);
    const status = JSON.parse(queue.out) as { items: { state: string; title: string }[] };
    expect(status.items).toMatchObject([{ state: 'done', title: 'From the CLI' }]);
    const text = await runCliCaptured(['queue'], env);
    expect(text.out).toContain(result.shareUrl);
  }, 240_000);
});
