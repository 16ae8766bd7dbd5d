import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../tests/helpers/temp-dir';
import { createServices, type Services } from '../../services';
import { createMemoryLogger } from '../../util/logger';
import { MediaImportResult } from '../../../shared/contract/media.contract';
import { GenerateResult } from '../../../shared/contract/montage.contract';
import { clickTrack, corruptClip, eventsClip, silentClip } from './testing/fixture-clips';

const tempDir = useTempDirs();
const context = { transport: 'in-process' } as const;
let services: Services;
let clipIds: string[] = [];
let musicId = '';

beforeAll(() => {
  const dir = tempDir();
  services = createServices({
    dataDir: tempDir(),
    shell: 'test',
    lock: false,
    log: createMemoryLogger(),
    env: { ...process.env, REELSMITH_MONTAGE_CPUS: '2' },
  });
  clipIds = [eventsClip(dir), corruptClip(dir), silentClip(dir)].map(
    (file) => services.files.fromPath(file).id,
  );
  musicId = services.files.fromPath(clickTrack(dir, 120, 20)).id;
});

afterAll(() => services.close());

describe('montage.generate through the contract', () => {
  it('proposes moments from the usable clips, reports the corrupt one, reads the beat grid of the music', async () => {
    const progress: number[] = [];
    const off = services.events.on('montage.progress', (p) => progress.push(p.fraction));
    const result = await services.router.handle(
      'montage.generate',
      {
        jobId: 'job-1',
        clips: clipIds.map((id) => ({ id })),
        targetDurationS: 8,
        music: { id: musicId },
        moments: { lengthS: 2, minLengthS: 1, maxLengthS: 3, leadInS: 0.5 },
      },
      context,
    );
    off();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = GenerateResult.parse(result.value);
    expect(value.jobId).toBe('job-1');
    expect(value.clips.map((c) => c.status)).toEqual(['ok', 'skipped', 'ok']);
    expect(value.clips[2]).toMatchObject({ hasAudio: false, loudness: [] });
    const total = value.moments.reduce((sum, m) => sum + m.endS - m.startS, 0);
    expect(total).toBeCloseTo(8, 1);
    expect(new Set(value.moments.map((m) => m.clipId)).size).toBe(2);
    expect(value.beats?.bpm).toBeCloseTo(120, 0);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('cancels a running job by id', async () => {
    // A clip never analysed before (no cache hit), cancelled as soon as the job reports.
    const fresh = services.files.fromPath(clickTrack(tempDir(), 97, 30)).id;
    let cancel: Promise<unknown> | undefined;
    const off = services.events.on('montage.progress', (p) => {
      if (p.jobId === 'job-2')
        cancel ??= services.router.handle('montage.cancel', { jobId: 'job-2' }, context);
    });
    const result = await services.router.handle(
      'montage.generate',
      { jobId: 'job-2', clips: [{ id: fresh }], targetDurationS: 5 },
      context,
    );
    off();
    expect(await cancel).toEqual({ ok: true, value: { cancelled: true } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await services.router.handle('montage.cancel', { jobId: 'job-2' }, context)).toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('takes clips from the library by media id, with the sha256 it already knows', async () => {
    const imported = await services.router.handle(
      'media.import',
      { files: [{ id: clipIds[0] ?? '' }] },
      context,
    );
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    const [first] = MediaImportResult.parse(imported.value).imported;
    const mediaId = first?.media.id ?? '';
    const result = await services.router.handle(
      'montage.generate',
      { clips: [{ id: `media:${mediaId}` }], targetDurationS: 4 },
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { clips: [{ status: 'ok', name: 'events.mp4', cached: true }] },
    });
  });
});
