/**
 * The sync API this studio runs itself when no cloud URL is configured: in-process on 127.0.0.1,
 * PGlite and local storage under `<data folder>/sync-server`, on a port chosen once and saved in
 * settings (`syncPort`) so URLs stored in the library survive a restart. Only the process owning
 * the data folder runs it.
 */
import path from 'node:path';
import { DEFAULTS } from '../../server/src/config';
import { startApiServer, type RunningApi } from '../../server/src/index';
import { APP_VERSION } from '../config/version';
import type { SettingsService } from '../settings/settings.service';
import { freePortOn } from './free-port';

export class EmbeddedSyncServer {
  private running: RunningApi | null = null;
  private starting: Promise<RunningApi> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly settings: Pick<SettingsService, 'get' | 'set'>,
  ) {}

  /** Where the embedded API is (or will be) reachable. */
  url(): string | null {
    const port = this.settings.get().syncPort;
    return port === null ? null : `http://127.0.0.1:${port}`;
  }

  /** The folder holding its database, objects and email outbox. */
  get folder(): string {
    return path.join(this.dataDir, 'sync-server');
  }

  async start(): Promise<RunningApi> {
    if (this.running) return this.running;
    this.starting ??= (async () => {
      let port = this.settings.get().syncPort;
      if (port === null) {
        port = await freePortOn('127.0.0.1');
        this.settings.set({ syncPort: port });
      }
      const api = await startApiServer({
        port,
        host: '127.0.0.1',
        dataDir: this.folder,
        publicUrl: `http://127.0.0.1:${port}`,
        argon2: { ...DEFAULTS.argon2 },
        partSize: DEFAULTS.partSize,
        quotaBytes: DEFAULTS.quotaBytes,
        starterCredits: DEFAULTS.starterCredits,
        trustProxy: false,
        logStream: null,
        version: APP_VERSION,
      });
      this.running = api;
      return api;
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  /** Waits for the API's background work (emails, sha256 verification). */
  async idle(): Promise<void> {
    await this.running?.idle();
  }

  async close(): Promise<void> {
    const api = this.running ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.running = null;
    await api?.close();
  }
}
