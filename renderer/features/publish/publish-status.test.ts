import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../account/cloud-api';
import { publishView } from './publish-status';

const item = (partial: Partial<QueueItem>): QueueItem => ({
  id: 'p1',
  label: 'Clip',
  state: 'queued',
  bytesDone: 0,
  bytesTotal: 1000,
  rate: 0,
  etaSeconds: null,
  attempts: 0,
  lastError: null,
  permanent: false,
  kind: 'video',
  projectId: 'proj',
  result: null,
  ...partial,
});

describe('publishView', () => {
  it('follows an upload with pause and cancel', () => {
    expect(publishView(item({ state: 'uploading', bytesDone: 255 }))).toMatchObject({
      phase: 'uploading',
      percent: 25,
      control: 'pause',
      canCancel: true,
    });
  });

  it('offers resume when paused and retry when failed', () => {
    expect(publishView(item({ state: 'paused' })).control).toBe('resume');
    const failed = publishView(item({ state: 'failed', permanent: true }));
    expect(failed).toMatchObject({ control: 'retry', title: 'Publish failed' });
    expect(publishView(item({ state: 'failed' })).title).toMatch(/retrying/);
  });

  it('ends with the share link', () => {
    const done = publishView(
      item({ state: 'done', bytesDone: 1000, result: { videoId: 'v', shareUrl: 'http://x/v/v' } }),
    );
    expect(done).toMatchObject({
      phase: 'done',
      percent: 100,
      shareUrl: 'http://x/v/v',
      videoId: 'v',
    });
    expect(publishView(item({ state: 'completing' }))).toMatchObject({
      phase: 'publishing',
      canCancel: false,
    });
    expect(publishView(item({ state: 'cancelled', bytesTotal: 0 })).percent).toBe(0);
  });
});
