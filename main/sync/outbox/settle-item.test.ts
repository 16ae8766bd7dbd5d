import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import type { Library } from '../../store/db/open-library';
import { openTempLibrary } from '../../store/testing/temp-library';
import { createMemoryLogger } from '../../util/logger';
import { CloudClient } from '../cloud/cloud-client';
import { MemorySessionVault } from '../cloud/session-vault';
import { OrderedHasher } from './ordered-hasher';
import * as repo from './outbox.repository';
import { forgetHashers, markDone, rejectUnverified } from './settle-item';

const tempDir = useTempDirs();
let library: Library | null = null;
afterEach(() => {
  library?.close();
  library = null;
});

const NOW = 1_700_000_000_000;

/** A library with one video item (video + thumbnail uploads), the video's parts sent. */
function videoItem(projectId: string | null) {
  library = openTempLibrary(tempDir());
  const store = library.store;
  const upload = (role: string, bytes: number): repo.NewUpload => ({
    role,
    path: `/videos/${role}.bin`,
    uploadKind: role,
    contentType: 'application/octet-stream',
    bytes,
    mtimeMs: NOW,
  });
  const id = repo.insertItem(
    store,
    {
      kind: 'video',
      title: 'Clip',
      projectId,
      payload: { title: 'Clip' },
      idempotencyKey: 'rs-first',
      uploads: [upload('video', 2048), upload('thumbnail', 100)],
    },
    NOW,
  );
  for (const role of ['video', 'thumbnail']) {
    repo.setUpload(store, id, role, {
      completed: 1,
      remote_upload_id: `up-${role}`,
      sha256: 'ab'.repeat(32),
    });
  }
  repo.recordPart(
    store,
    { outbox_id: id, role: 'video', part_number: 1, etag: 'e1', bytes: 2048 },
    NOW,
  );
  const row = repo.getItem(store, id);
  if (!row) throw new Error('no item');
  return { store, row };
}

describe('settling an uploaded item', () => {
  it('marks a verified video done and its project published, in one go', () => {
    const { store, row } = videoItem('project-1');
    const result = { videoId: 'v1', shareUrl: 'http://127.0.0.1:9/v/v1' };
    markDone(store, row, result, NOW + 5);
    const item = repo.toQueueItem(store, repo.getItem(store, row.id)!);
    expect(item).toMatchObject({ state: 'done', failure: null, result, updatedAt: NOW + 5 });
    expect(repo.publishedOf(store, 'project-1')).toMatchObject({
      video_id: 'v1',
      share_url: result.shareUrl,
      outbox_id: row.id,
      published_at: NOW + 5,
    });
  });

  it('marks an item without a project done and records no publish', () => {
    const { store, row } = videoItem(null);
    markDone(store, row, { videoId: 'v2', shareUrl: 'http://127.0.0.1:9/v/v2' }, NOW);
    expect(repo.getItem(store, row.id)?.status).toBe('done');
    expect(store.all(store.db.selectFrom('published_videos').selectAll())).toEqual([]);
  });

  it('starts rejected uploads afresh under a new Idempotency-Key; a failed removal is logged', async () => {
    const { store, row } = videoItem('project-1');
    const hashers = new Map<string, OrderedHasher>([
      [`${row.id}:video:up-video`, new OrderedHasher(1)],
      [`${row.id}:thumbnail:up-thumbnail`, new OrderedHasher(1)],
    ]);
    const log = createMemoryLogger();
    // No session stored: the removal of the server's video is refused, and only logged.
    const client = new CloudClient({
      baseUrl: () => 'http://127.0.0.1:9',
      vault: new MemorySessionVault(),
    });
    const failed = repo.uploadsOf(store, row.id).filter((u) => u.role === 'video');
    await rejectUnverified({ store, client, log, hashers }, row, { videoId: 'v1' }, failed);

    const uploads = repo.uploadsOf(store, row.id);
    expect(uploads.find((u) => u.role === 'video')).toMatchObject({
      completed: 0,
      remote_upload_id: null,
      sha256: null,
    });
    // The verified thumbnail is kept.
    expect(uploads.find((u) => u.role === 'thumbnail')).toMatchObject({
      completed: 1,
      remote_upload_id: 'up-thumbnail',
    });
    expect(repo.partsOf(store, row.id, 'video')).toEqual([]);
    expect([...hashers.keys()]).toEqual([`${row.id}:thumbnail:up-thumbnail`]);
    const key = repo.getItem(store, row.id)?.idempotency_key;
    expect(key).toMatch(/^rs-[0-9a-f-]{36}$/);
    expect(key).not.toBe('rs-first');
    expect(log.lines).toEqual([
      expect.stringMatching(/^warn sync: could not remove the unverified result of item \d+: /),
    ]);
  });

  it('forgets the hash state of one item (all roles), not of others', () => {
    const hashers = new Map<string, OrderedHasher>([
      ['1:video:a', new OrderedHasher(1)],
      ['1:thumbnail:b', new OrderedHasher(1)],
      ['12:video:c', new OrderedHasher(1)],
    ]);
    forgetHashers(hashers, 1);
    expect([...hashers.keys()]).toEqual(['12:video:c']);
  });
});
