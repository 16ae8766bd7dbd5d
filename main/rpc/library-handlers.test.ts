import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryProgress } from '../../shared/contract/library.contract';
import { useTempDirs } from '../../tests/helpers/temp-dir';
import { testTools } from '../media/testing-fixtures';
import { createServices, type Services } from '../services';

const tempDir = useTempDirs();
let services: Services;
let wav: string;

const call = (op: string, input: unknown) =>
  services.router.handle(op, input, { transport: 'in-process' });

beforeAll(() => {
  wav = path.join(tempDir(), 'long.wav');
  execFileSync(testTools().ffmpegPath, [
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=d=40',
    wav,
  ]);
  services = createServices({ dataDir: tempDir(), shell: 'test', lock: false });
});
afterAll(() => services.close());

describe('library operations through the router', () => {
  it('validates input at the boundary', async () => {
    const result = await call('projects.list', { limit: 5000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const bad = await call('segments.create', { projectId: 'x', durationMs: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('imports with progress events, then cancels a bundle export cleanly', async () => {
    const events: LibraryProgress[] = [];
    const off = services.events.on('library.progress', (p) => events.push(p));
    const project = await call('projects.create', { title: 'Long' });
    if (!project.ok) throw new Error('create failed');
    const { id: projectId } = project.value as { id: string };
    const handle = services.files.fromPath(wav);
    const imported = await call('media.import', {
      files: [{ id: handle.id }],
      projectId,
      operationId: 'import-1',
    });
    expect(imported).toMatchObject({ ok: true, value: { failed: [] } });
    expect(events.some((e) => e.operationId === 'import-1' && e.kind === 'media-import')).toBe(
      true,
    );

    const target = path.join(tempDir(), 'out.reelsmith');
    const save = services.fileRegistry.registerLocalTarget(target);
    const cancelling = services.events.on('library.progress', (p) => {
      if (p.operationId === 'export-1') void call('library.cancel', { operationId: 'export-1' });
    });
    const exported = await call('library.exportBundle', {
      projectId,
      target: { id: save.id },
      operationId: 'export-1',
    });
    cancelling();
    off();
    expect(exported).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(fs.readdirSync(path.dirname(target))).toEqual([]); // no partial bundle, no temp file
    expect(await call('library.cancel', { operationId: 'export-1' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('media.delete is refused while a project (even trashed) uses it; gc frees it later', async () => {
    const list = await call('media.list', {});
    const media = (list as { ok: true; value: { items: { id: string }[] } }).value.items[0]!;
    expect(await call('media.delete', { id: media.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const gc = await call('library.gc', {});
    expect(gc).toMatchObject({ ok: true, value: { mediaRemoved: 0 } });
  });
});

describe('render source', () => {
  it('resolves a project to ordered segments and local media paths', async () => {
    const page = await call('projects.list', {});
    const project = (page as { ok: true; value: { items: { id: string }[] } }).value.items[0]!;
    const source = services.media.renderSource(project.id);
    const first = source.project.segments[0]!;
    const medium = source.media.get(first.media[0]!.mediaId)!;
    expect(medium.kind).toBe('audio');
    expect(fs.existsSync(medium.path)).toBe(true);
    expect(services.media.pathOf(medium.id)).toBe(medium.path);
  });
});
