/**
 * Where `reelsmith login`, `publish` and `queue` do their work: in this process (it takes the
 * data folder and, without a cloud URL, runs the embedded sync API for its duration), or through
 * the control endpoint of the studio that owns the folder. Both answer the same way.
 */
import type { SessionState } from '../../shared/contract/account.contract';
import type { QueueItem, QueueStatus, SyncProgress } from '../../shared/contract/sync.contract';
import { AppError } from '../../shared/errors';
import type { ControlClient } from '../control/control-client';
import { createServices } from '../services';

export interface PublishRequest {
  projectId: string;
  /** Default: the render's name. */
  title?: string;
  visibility: 'public' | 'unlisted';
}

export interface SyncBackend {
  login(email: string, password: string): Promise<SessionState>;
  list(): Promise<QueueStatus>;
  publish(request: PublishRequest): Promise<QueueItem>;
  /** Resolves when the item is done; throws when it is cancelled or fails for good. */
  waitFor(id: string, onProgress: (progress: SyncProgress) => void): Promise<QueueItem>;
  close(): Promise<void>;
}

/** This process owns the data folder (`embedded`: whether it runs the embedded sync API). */
export function localBackend(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  embedded = true,
): SyncBackend {
  const services = createServices({
    dataDir,
    shell: 'cli',
    env,
    ...(embedded ? {} : { sync: { embedded: false } }),
  });
  return {
    login: (email, password) => services.sync.login(email, password),
    list: () => Promise.resolve(services.sync.queue.list()),
    publish: ({ projectId, title, visibility }) =>
      services.sync.publish({
        projectId,
        title: (title ?? services.sync.renderedOutput(projectId).title).slice(0, 120) || 'Untitled',
        visibility,
      }),
    async waitFor(id, onProgress) {
      const stop = services.events.on('sync.progress', onProgress);
      try {
        return await services.sync.queue.waitFor(id);
      } finally {
        stop();
      }
    },
    close: () => services.close(),
  };
}

const POLL_MS = 250;

/** The studio owning the data folder does the work; progress comes from polling the item. */
export function controlBackend(control: ControlClient): SyncBackend {
  return {
    login: (email, password) => control.call('account.login', { email, password }),
    list: () => control.call('sync.list', {}),
    publish: ({ projectId, title, visibility }) =>
      // Without a title the owner fills in the render's name (only it can read the library).
      control.call('sync.publish', {
        projectId,
        visibility,
        ...(title === undefined ? {} : { title: title.slice(0, 120) || 'Untitled' }),
      } as Parameters<typeof control.call<'sync.publish'>>[1]),
    async waitFor(id, onProgress) {
      let last: { at: number; bytes: number } | null = null;
      let rate = 0;
      for (;;) {
        const item = await control.call('sync.get', { id });
        if (item.state === 'done') return item;
        if (item.state === 'cancelled')
          throw new AppError('CANCELLED', `${item.title}: cancelled.`);
        if (item.state === 'failed' && item.failure?.permanent) {
          throw new AppError('UPSTREAM', item.failure.message, { details: item.failure });
        }
        const now = Date.now();
        if (last && now > last.at) {
          const instant = ((item.bytesDone - last.bytes) * 1000) / (now - last.at);
          rate = rate === 0 ? instant : rate * 0.7 + instant * 0.3;
        }
        last = { at: now, bytes: item.bytesDone };
        const left = item.bytesTotal - item.bytesDone;
        onProgress({
          id,
          bytesDone: item.bytesDone,
          bytesTotal: item.bytesTotal,
          rateBytesPerSecond: Math.max(0, rate),
          etaSeconds: rate > 0 ? Math.ceil(left / rate) : null,
        });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    close: () => Promise.resolve(),
  };
}
