import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../../shared/contract/sync.contract';
import { AppError } from '../../../shared/errors';
import { queueAssetPublisher, serverAssetType, type QueueForAssets } from './asset-publisher';

/** A queue that records what it was asked and lets the test drive item updates. */
function fakeQueue(first: Partial<QueueItem> = {}) {
  const listeners = new Set<(item: QueueItem) => void>();
  const asked: Parameters<QueueForAssets['publishAsset']>[0][] = [];
  const item = (patch: Partial<QueueItem>): QueueItem =>
    ({
      id: 'q1',
      kind: 'asset',
      title: 'twitch_emote_112x112.png',
      projectId: null,
      state: 'queued',
      failure: null,
      result: null,
      ...patch,
    }) as QueueItem;
  const queue: QueueForAssets = {
    publishAsset: (input) => {
      asked.push(input);
      return Promise.resolve(item(first));
    },
    onItem: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const push = (patch: Partial<QueueItem>) => {
    for (const listener of [...listeners]) listener(item(patch));
  };
  return { queue, asked, push, listeners };
}

const ASSET = {
  path: '/tmp/twitch_emote_112x112.png',
  name: 'twitch_emote_112x112.png',
  assetType: 'twitch_emote' as const,
  contentType: 'image/png' as const,
};

describe('the asset publisher over the sync queue', () => {
  it('queues the file with the server asset kind and resolves with the share URL when done', async () => {
    const { queue, asked, push, listeners } = fakeQueue();
    const published = queueAssetPublisher(queue).publish(ASSET);
    await Promise.resolve();
    await Promise.resolve();
    push({ id: 'other', state: 'done', result: { shareUrl: 'https://x/other' } });
    push({ state: 'uploading' });
    push({ state: 'done', result: { assetId: 'a1', shareUrl: 'https://x/a/a1' } });
    await expect(published).resolves.toEqual({ url: 'https://x/a/a1' });
    expect(asked).toEqual([{ path: ASSET.path, type: 'emote', title: ASSET.name }]);
    expect(listeners.size).toBe(0);
  });

  it('rejects with the queue message on a permanent failure, and keeps waiting on a retryable one', async () => {
    const { queue, push } = fakeQueue();
    const published = queueAssetPublisher(queue).publish(ASSET);
    await Promise.resolve();
    await Promise.resolve();
    push({ state: 'failed', failure: { permanent: false, message: 'reset', code: 'UPSTREAM' } });
    push({
      state: 'failed',
      failure: { permanent: true, message: 'forbidden', code: 'FORBIDDEN' },
    });
    await expect(published).rejects.toThrow(/forbidden/);
  });

  it('is settled at once when the queue answers with a finished item, and can be cancelled', async () => {
    const done = fakeQueue({ state: 'done', result: { shareUrl: 'https://x/a/2' } });
    await expect(queueAssetPublisher(done.queue).publish(ASSET)).resolves.toEqual({
      url: 'https://x/a/2',
    });
    const waiting = fakeQueue();
    const controller = new AbortController();
    const published = queueAssetPublisher(waiting.queue).publish(ASSET, controller.signal);
    controller.abort();
    await expect(published).rejects.toBeInstanceOf(AppError);
    expect(waiting.listeners.size).toBe(0);
  });

  it('maps every platform type to a server kind', () => {
    expect(serverAssetType('youtube_thumbnail')).toBe('thumbnail');
    expect(serverAssetType('twitch_offline')).toBe('overlay');
    expect(serverAssetType('instagram_story')).toBe('other');
  });
});
