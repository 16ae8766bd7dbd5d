/**
 * The `CloudApi` over the typed contract client: `account.*`, `social.*` and `sync.*` calls to
 * main, plus the live upload rate and ETA from `sync.progress` events merged into queue items.
 */
import type { Client } from '../../../shared/contract/client';
import type {
  QueueItem as ContractQueueItem,
  SyncProgress,
} from '../../../shared/contract/sync.contract';
import type { CloudApi, QueueAction, QueueItem } from './cloud-api';

const KIND_LABEL: Record<ContractQueueItem['kind'], string> = {
  video: 'video',
  asset: 'asset',
  avatar: 'avatar',
};

/** A contract queue item with the latest progress event for it, as the panel shows it. */
export function toQueueItem(item: ContractQueueItem, live: SyncProgress | undefined): QueueItem {
  const fresh = live && live.bytesDone >= item.bytesDone;
  return {
    id: item.id,
    label: `${item.title} (${KIND_LABEL[item.kind]})`,
    state: item.state,
    bytesDone: fresh ? live.bytesDone : item.bytesDone,
    bytesTotal: item.bytesTotal,
    rate: fresh && item.state === 'uploading' ? live.rateBytesPerSecond : 0,
    etaSeconds: fresh && item.state === 'uploading' ? live.etaSeconds : null,
    attempts: item.attempts,
    lastError: item.failure?.message ?? null,
    permanent: item.failure?.permanent ?? false,
    kind: item.kind,
    projectId: item.projectId,
    result: item.result,
  };
}

const ITEM_ACTION = {
  pause: 'sync.pause',
  resume: 'sync.resume',
  retry: 'sync.retry',
  cancel: 'sync.cancel',
} as const;

const ALL_ACTION = {
  pause: 'sync.pauseAll',
  resume: 'sync.resumeAll',
  retry: 'sync.retryAll',
  cancel: 'sync.cancelAll',
} as const;

const page = (cursor: string | null) => (cursor ? { cursor } : {});

export function createContractCloud(client: Client): CloudApi {
  const live = new Map<string, SyncProgress>();
  client.on('sync.progress', (p) => live.set(p.id, p));
  client.on('sync.item', (item) => {
    if (item.state !== 'uploading') live.delete(item.id);
  });

  return {
    async serverStatus() {
      const [session, queue] = await Promise.all([
        client.call('account.session', {}),
        client.call('sync.list', {}),
      ]);
      return { url: session.serverUrl, embedded: session.embedded, reachable: queue.reachable };
    },
    async account() {
      const session = await client.call('account.session', {});
      if (!session.signedIn) return { signedIn: false, me: null };
      try {
        return { signedIn: true, me: await client.call('account.me', {}) };
      } catch (error) {
        // Signed in but the server is away: the app keeps working offline.
        if (error instanceof Error && 'code' in error && error.code === 'UNAUTHORIZED')
          return { signedIn: false, me: null };
        return { signedIn: true, me: null };
      }
    },
    async signUp(input) {
      await client.call('account.signup', input);
    },
    async verifyEmail(token) {
      await client.call('account.verify', { token });
    },
    async signIn(input) {
      await client.call('account.login', input);
    },
    async signOut() {
      await client.call('account.logout', {});
    },
    async forgotPassword(email) {
      await client.call('account.forgotPassword', { email });
    },
    async resetPassword(input) {
      await client.call('account.resetPassword', input);
    },
    updateProfile(input) {
      return client.call('account.update', {
        ...(input.username === undefined ? {} : { username: input.username }),
        ...(input.avatar === undefined ? {} : { avatarFileId: input.avatar?.id ?? null }),
      });
    },
    credits(cursor) {
      return client.call('account.credits', page(cursor));
    },
    async prices() {
      return (await client.call('account.prices', {})).prices;
    },
    async localMail() {
      return (await client.call('account.localMail', {})).messages;
    },

    feed(cursor) {
      return client.call('social.feed', page(cursor));
    },
    react(videoId, reaction) {
      return client.call('social.react', { id: videoId, reaction });
    },
    view(videoId) {
      return client.call('social.view', { id: videoId });
    },
    async recreate(videoId) {
      const { project, remix } = await client.call('social.recreate', { id: videoId });
      return { projectId: project.id, promptShared: remix.prompt !== null };
    },
    profile(userId) {
      return client.call('social.user', { id: userId });
    },
    userVideos(userId, cursor) {
      return client.call('social.userVideos', { id: userId, ...page(cursor) });
    },
    likedVideos(userId, cursor) {
      return client.call('social.likedVideos', { id: userId, ...page(cursor) });
    },
    async leaderboard(limit) {
      return (await client.call('social.leaderboard', { limit })).creators;
    },

    async publishableProjects() {
      // What sync.publish accepts (main/sync/publish/rendered-output.ts): a library project with
      // a finished render, or a finished render job.
      const [{ items }, { jobs }] = await Promise.all([
        client.call('projects.list', { limit: 200 }),
        client.call('render.list', {}),
      ]);
      const projects = items
        .filter((p) => p.status === 'rendered' || typeof p.settings.lastRenderPath === 'string')
        .map((p) => ({ id: p.id, title: p.title, idea: p.idea, status: p.status }));
      const renders = jobs
        .filter((j) => j.status === 'done')
        .map((j) => ({
          id: j.id,
          title: j.outputName.replace(/\.[^.]+$/, ''),
          idea: '',
          status: 'render',
        }));
      return [...projects, ...renders];
    },
    async publish(input) {
      const item = await client.call('sync.publish', {
        projectId: input.projectId,
        title: input.title,
        visibility: input.visibility,
        ...(input.description.trim() ? { description: input.description.trim() } : {}),
        sharePrompt: input.sharePrompt,
      });
      return toQueueItem(item, undefined);
    },

    async checkServer() {
      return (await client.call('sync.checkServer', {})).reachable;
    },
    async queue() {
      const status = await client.call('sync.list', {});
      return status.items.map((item) => toQueueItem(item, live.get(item.id)));
    },
    async queueAction(action: QueueAction, itemId: string | null) {
      if (itemId === null) await client.call(ALL_ACTION[action], {});
      else await client.call(ITEM_ACTION[action], { id: itemId });
    },
    onQueueChange(listener) {
      const offItem = client.on('sync.item', listener);
      const offProgress = client.on('sync.progress', listener);
      const offConnectivity = client.on('sync.connectivity', listener);
      return () => {
        offItem();
        offProgress();
        offConnectivity();
      };
    },
    onServerChange(listener) {
      return client.on('sync.connectivity', (change) => listener(change.reachable));
    },
    onAccountChange(listener) {
      return client.on('sync.session', listener);
    },
  };
}
