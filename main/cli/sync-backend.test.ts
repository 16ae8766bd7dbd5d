/**
 * The control backend's publish wait: it polls the owner's queue item, reports progress for the
 * bar, and ends as the local `waitFor` does (done, cancelled, permanent failure).
 */
import { describe, expect, it } from 'vitest';
import type { QueueItem, SyncProgress } from '../../shared/contract/sync.contract';
import type { ControlClient } from '../control/control-client';
import { controlBackend } from './sync-backend';

function item(patch: Partial<QueueItem>): QueueItem {
  return {
    id: '1',
    kind: 'video',
    title: 'Clip',
    projectId: 'p',
    state: 'uploading',
    failure: null,
    attempts: 1,
    nextAttemptAt: null,
    bytesTotal: 1000,
    bytesDone: 0,
    result: null,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

/** A control client whose `sync.get` answers these items in turn. */
function replaying(items: QueueItem[]): ControlClient & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    url: 'http://127.0.0.1:1',
    pid: 1,
    calls,
    call(op, input) {
      calls.push({ op, input });
      const next = items.shift();
      if (op !== 'sync.get' || !next) throw new Error(`unexpected ${op}`);
      return Promise.resolve(next) as never;
    },
  };
}

describe('controlBackend.waitFor', () => {
  it('reports progress from polled items and returns the done item', async () => {
    const client = replaying([
      item({ bytesDone: 0 }),
      item({ bytesDone: 400 }),
      item({ state: 'done', bytesDone: 1000, result: { shareUrl: 'http://x/v/1' } }),
    ]);
    const progress: SyncProgress[] = [];
    const done = await controlBackend(client).waitFor('1', (p) => progress.push(p));
    expect(done.result?.shareUrl).toBe('http://x/v/1');
    expect(progress.map((p) => [p.bytesDone, p.bytesTotal])).toEqual([
      [0, 1000],
      [400, 1000],
    ]);
    expect(progress[1]?.rateBytesPerSecond).toBeGreaterThan(0);
    expect(client.calls).toEqual(Array(3).fill({ op: 'sync.get', input: { id: '1' } }));
  });

  it('throws on a permanent failure with its message, and on cancel', async () => {
    const failed = controlBackend(
      replaying([
        item({
          state: 'failed',
          failure: { permanent: true, message: 'render.mp4 changed', code: 'IO' },
        }),
      ]),
    ).waitFor('1', () => undefined);
    await expect(failed).rejects.toMatchObject({ code: 'UPSTREAM', message: 'render.mp4 changed' });
    const cancelled = controlBackend(replaying([item({ state: 'cancelled' })])).waitFor(
      '1',
      () => undefined,
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
