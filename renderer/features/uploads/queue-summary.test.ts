import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../account/cloud-api';
import { actionsFor, summarizeQueue } from './queue-summary';

function item(partial: Partial<QueueItem>): QueueItem {
  return {
    id: 'x',
    label: 'x',
    state: 'queued',
    bytesDone: 0,
    bytesTotal: 100,
    rate: 0,
    etaSeconds: null,
    attempts: 0,
    lastError: null,
    permanent: false,
    kind: 'video',
    projectId: null,
    result: null,
    ...partial,
  };
}

describe('summarizeQueue', () => {
  it('says nothing is uploading for an empty or finished queue', () => {
    expect(summarizeQueue([]).label).toBe('No uploads');
    expect(summarizeQueue([item({ state: 'done', bytesDone: 100 })])).toMatchObject({
      active: 0,
      fraction: null,
      label: 'No uploads',
    });
  });

  it('adds up active and paused items', () => {
    const s = summarizeQueue([
      item({ state: 'uploading', bytesDone: 50, rate: 1000 }),
      item({ state: 'paused', bytesDone: 0 }),
      item({ state: 'failed', lastError: 'boom' }),
      item({ state: 'queued', rate: 500 }),
    ]);
    expect(s).toMatchObject({ active: 2, paused: 1, failed: 1, rate: 1500 });
    expect(s.fraction).toBeCloseTo(50 / 300);
    expect(s.label).toBe('2 uploading 16% · 1 paused · 1 failed');
  });

  it('offers the actions that fit each state', () => {
    expect(actionsFor('uploading')).toEqual(['pause', 'cancel']);
    expect(actionsFor('paused')).toEqual(['resume', 'cancel']);
    expect(actionsFor('failed')).toEqual(['retry', 'cancel']);
    expect(actionsFor('done')).toEqual([]);
  });
});
