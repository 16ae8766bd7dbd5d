import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryProgress } from '../../shared/contract/library.contract';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { filesUnder, makeFixtures } from '../media/testing-fixtures';
import { createServices, type Services } from '../services';

const tempDir = useTempDirs();
let source: Services;
let target: Services;
let fixtures: ReturnType<typeof makeFixtures>;

beforeAll(() => {
  fixtures = makeFixtures(tempDir());
  source = createServices({ dataDir: tempDir(), shell: 'test', lock: false });
  target = createServices({ dataDir: tempDir(), shell: 'test', lock: false });
});
afterAll(async () => {
  await source.close();
  await target.close();
});

const call = (services: Services, op: string, input: unknown) =>
  services.router.handle(op, input, { transport: 'in-process' });

/** Cancels `operationId` at its first progress event; returns the events seen. */
function cancelOnFirstProgress(
  services: Services,
  operationId: string,
): {
  events: LibraryProgress[];
  stop: () => void;
} {
  const events: LibraryProgress[] = [];
  const stop = services.events.on('library.progress', (p) => {
    if (p.operationId !== operationId) return;
    events.push(p);
    if (events.length === 1) void call(services, 'library.cancel', { operationId });
  });
  return { events, stop };
}

describe('long library operations report progress and can be cancelled', () => {
  it('a big import stops at cancellation, leaving no partial file', async () => {
    const files = Array.from({ length: 16 }, (_, i) =>
      source.files.fromPath(
        fixtures.png(`p${i}.png`, `0x${(i * 16).toString(16).padStart(2, '0')}2040`),
      ),
    );
    const watch = cancelOnFirstProgress(source, 'import-big');
    const result = await call(source, 'media.import', {
      files: files.map((f) => ({ id: f.id })),
      operationId: 'import-big',
    });
    watch.stop();
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(watch.events[0]).toMatchObject({ kind: 'media-import', unit: 'files', total: 16 });
    expect(source.media.list({ limit: 100, offset: 0 }).total).toBeLessThan(16);
    expect(filesUnder(source.media.files.tmpDir)).toEqual([]);
  });

  it('a bundle import reports bytes and stops at cancellation: no project, no scratch file', async () => {
    const project = source.projects.create({ title: 'Cancel me' });
    const clip = await source.media.importFile({ path: fixtures.mp4, name: 'clip.mp4' });
    const tone = await source.media.importFile({ path: fixtures.wav, name: 'tone.wav' });
    source.projects.createSegment(project.id, {
      media: [{ mediaId: clip.media.id, role: 'visual' }],
    });
    source.projects.createSegment(project.id, {
      media: [{ mediaId: tone.media.id, role: 'audio' }],
    });
    const bundle = path.join(tempDir(), 'cancel.reelsmith');
    const save = source.fileRegistry.registerLocalTarget(bundle);
    const exported = await call(source, 'library.exportBundle', {
      projectId: project.id,
      target: { id: save.id },
      operationId: 'export-ok',
    });
    expect(exported).toMatchObject({ ok: true });

    const handle = target.files.fromPath(bundle);
    const watch = cancelOnFirstProgress(target, 'open-1');
    const opened = await call(target, 'library.importBundle', {
      file: { id: handle.id },
      operationId: 'open-1',
    });
    watch.stop();
    expect(opened).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(watch.events[0]).toMatchObject({ kind: 'bundle-import', unit: 'bytes' });
    expect(watch.events[0]?.done).toBeGreaterThan(0);
    const listed = target.projects.list({
      sort: 'updated',
      direction: 'desc',
      limit: 50,
      offset: 0,
      trash: false,
    });
    expect(listed.total).toBe(0);
    expect(filesUnder(target.media.files.tmpDir)).toEqual([]);

    // Not cancelled, the same bundle opens.
    const again = await call(target, 'library.importBundle', {
      file: { id: target.files.fromPath(bundle).id },
    });
    expect(again).toMatchObject({ ok: true, value: { title: 'Cancel me', segmentCount: 2 } });
    expect(fs.existsSync(bundle)).toBe(true);
  });
});
