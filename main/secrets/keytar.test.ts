import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findOnPath } from '../system/tool-locator';
import { KeytarSecretStore, loadKeytar } from './keytar-secret.store';

const child = fileURLToPath(new URL('./testing/keytar-child.ts', import.meta.url));
const dbusRunSession = findOnPath('dbus-run-session', process.env);
const keyringDaemon = findOnPath('gnome-keyring-daemon', process.env);

describe('keytar (the OS keychain)', () => {
  it('loads its native module', () => {
    const keytar = loadKeytar();
    expect(keytar).not.toBeInstanceOf(Error);
  });

  it('fails without a D-Bus session, as a KEYCHAIN error (not a crash)', async () => {
    const keytar = loadKeytar();
    if (keytar instanceof Error) throw keytar;
    // This process has no session bus (CI, a headless box); keytar rejects instead of hanging.
    if (process.env.DBUS_SESSION_BUS_ADDRESS) return;
    const error = await new KeytarSecretStore(keytar, 5_000)
      .get('openai-api-key')
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('KEYCHAIN');
  });

  // CI installs dbus and gnome-keyring, so there a missing tool fails the test instead of skipping it.
  it.skipIf((!dbusRunSession || !keyringDaemon) && process.env.CI !== 'true')(
    'sets, checks and deletes a key for real under dbus-run-session + gnome-keyring',
    async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-keyring-'));
      const script =
        'echo -n reelsmith | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ' +
        `exec "${process.execPath}" --import tsx "${child}"`;
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          dbusRunSession ?? 'dbus-run-session',
          ['--', 'sh', '-c', script],
          {
            timeout: 60_000,
            env: {
              ...process.env,
              HOME: home,
              XDG_DATA_HOME: path.join(home, 'data'),
              XDG_RUNTIME_DIR: home,
            },
          },
          (error, out, err) =>
            error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
        );
      });
      const line = stdout.trim().split('\n').at(-1) ?? '';
      expect(JSON.parse(line)).toEqual({
        before: null,
        during: 'sk-from-keychain',
        deleted: true,
        after: null,
      });
    },
    90_000,
  );
});
