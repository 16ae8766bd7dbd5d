/**
 * Montages rendered for real through the contract (montage.render → render queue → ffmpeg) and
 * measured in the output: cuts found by colour against the music's beats, the brand card's
 * colour, clip sound kept or muted, the crop's focus point, awkward inputs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../tests/helpers/temp-dir';
import { BrandKit } from '../../../../shared/contract/brand-kits.contract';
import { MediaImportResult } from '../../../../shared/contract/media.contract';
import {
  BeatGrid,
  GenerateResult,
  MontageLayout,
  type MontageEditInput,
  type Moment,
} from '../../../../shared/contract/montage.contract';
import { RenderJob } from '../../../../shared/contract/render.contract';
import type { OperationName } from '../../../../shared/contract';
import { createServices, type Services } from '../../../services';
import { createMemoryLogger } from '../../../util/logger';
import { ensureFonts, frameRgb, near, probe, share, videoFps } from '../../render/render-test-kit';
import {
  FFMPEG,
  clickTrack,
  corruptClip,
  eventsClip,
  halvesClip,
  silentClip,
  solidClip,
  variantClips,
} from '../testing/fixture-clips';

const tempDir = useTempDirs();
const context = { transport: 'in-process' } as const;
const BPM = 100;
const FIRST_BEAT_S = 0.2;
let services: Services;
let dir = '';
let musicId = '';
let colourClips: string[] = [];

beforeAll(() => {
  ensureFonts();
  dir = tempDir();
  services = createServices({
    dataDir: tempDir(),
    shell: 'test',
    lock: false,
    log: createMemoryLogger(),
    env: { ...process.env, REELSMITH_MONTAGE_CPUS: '2' },
  });
  musicId = services.files.fromPath(clickTrack(dir, BPM, 20, FIRST_BEAT_S)).id;
  colourClips = [
    solidClip(dir, 'red.mp4', 'red'),
    solidClip(dir, 'green.mp4', 'lime'),
    solidClip(dir, 'blue.mp4', 'blue'),
  ].map((file) => services.files.fromPath(file).id);
});

afterAll(() => services.close());

async function call<N extends OperationName>(name: N, input: unknown): Promise<unknown> {
  const result = await services.router.handle(name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function moment(clipId: string, startS: number, endS: number): Moment {
  return {
    id: `${clipId}@${String(startS)}`,
    clipId,
    startS,
    endS,
    peakS: startS,
    score: 1,
    reasons: ['loud burst'],
  };
}

/** Renders through montage.render (proxy) and waits for the queue; the output's path. */
async function renderProxy(edit: MontageEditInput) {
  const percents: number[] = [];
  const off = services.events.on('render.progress', (p) => percents.push(p.percent));
  const value = (await call('montage.render', { edit })) as { job: unknown; layout: unknown };
  const job = RenderJob.parse(value.job);
  const layout = MontageLayout.parse(value.layout);
  await services.renderQueue.whenIdle();
  off();
  const done = services.renderQueue.get(job.id);
  expect(done.error).toBeNull();
  expect(done.status).toBe('done');
  const output = services.fileRegistry.get(done.outputFileId ?? '').path;
  return { output, layout, percents, job: done };
}

/** Mean colour of every output frame, at 8×8. */
function frameColours(file: string): [number, number, number][] {
  const raw = execFileSync(
    FFMPEG,
    ['-v', 'error', '-i', file, '-vf', 'scale=8:8', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    { maxBuffer: 256 << 20 },
  );
  const frames: [number, number, number][] = [];
  for (let f = 0; f + 192 <= raw.length; f += 192) {
    const sum = [0, 0, 0];
    for (let i = 0; i < 64; i++) for (let c = 0; c < 3; c++) sum[c]! += raw[f + i * 3 + c] ?? 0;
    frames.push([sum[0]! / 64, sum[1]! / 64, sum[2]! / 64]);
  }
  return frames;
}

/** Times of the frames whose colour differs strongly from the frame before. */
function cutsIn(file: string, fps: number): number[] {
  const colours = frameColours(file);
  const cuts: number[] = [];
  for (let i = 1; i < colours.length; i++) {
    const a = colours[i - 1]!;
    const b = colours[i]!;
    if (Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) > 60) cuts.push(i / fps);
  }
  return cuts;
}

/** Mean level (dB) of the band around `freq` in the output's sound, from `start` on. */
function bandLevel(file: string, freq: number, start: number): number {
  const run = spawnSync(
    FFMPEG,
    // prettier-ignore
    ['-hide_banner', '-nostats', '-ss', String(start), '-i', file, '-vn', '-af', `bandpass=f=${String(freq)}:width_type=q:w=8,volumedetect`, '-f', 'null', '-'],
    { encoding: 'utf8' },
  );
  const match = /mean_volume:\s*(-?[\d.]+|-inf) dB/.exec(run.stderr);
  return match?.[1] === undefined || match[1] === '-inf' ? -91 : Number(match[1]);
}

// Real renders on a shared 2-core machine: minutes, not the unit default of 30 s.
describe('montage.render', { timeout: 240_000 }, () => {
  it('renders cuts within one frame of the music beats, after an intro card in the brand colour', async () => {
    const kit = BrandKit.parse(
      await call('brandKits.create', {
        name: 'Neon',
        colors: [
          { name: 'primary', hex: '#FFCC00' },
          { name: 'text', hex: '#111111' },
        ],
        fonts: { heading: 'Noto Sans' },
      }),
    );
    const [red, green, blue] = colourClips as [string, string, string];
    const { output, layout, percents } = await renderProxy({
      moments: [moment(red, 1, 3.3), moment(green, 0.5, 2.9), moment(blue, 2, 4.1)],
      music: { id: musicId },
      audio: 'duck',
      brandKitId: kit.id,
      intro: { text: 'GG', durationS: 1.5 },
    });
    const beats = BeatGrid.parse(await call('montage.beats', { music: { id: musicId } }));
    expect(Math.abs(beats.bpm - BPM) / BPM).toBeLessThanOrEqual(0.02);

    // One frame of the rendered file (the proxy preset renders at its own, lower rate).
    const fps = videoFps(output);
    const found = cutsIn(output, fps);
    // intro → red → green → blue.
    expect(found).toHaveLength(3);
    expect(layout.cuts.slice(0, 3)).toHaveLength(3);
    found.forEach((cut, k) => {
      const nearestDetected = Math.min(...beats.beats.map((b) => Math.abs(b - cut)));
      expect(nearestDetected).toBeLessThanOrEqual(1 / fps + 1e-6);
      const k0 = Math.round((cut - FIRST_BEAT_S) / (60 / BPM));
      expect(Math.abs(cut - (FIRST_BEAT_S + (k0 * 60) / BPM))).toBeLessThanOrEqual(1 / fps + 0.02);
      expect(Math.abs(cut - (layout.cuts[k] ?? -1))).toBeLessThanOrEqual(1 / fps + 1e-6);
    });

    const info = probe(output);
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(Number(info.format.duration)).toBeCloseTo(layout.durationS, 0);
    // The intro card: the brand's yellow around the title.
    const intro = frameRgb(output, 0.3);
    expect(
      share(intro, 540, { x: 10, y: 10, w: 100, h: 100 }, (p) => near(p, [255, 204, 0])),
    ).toBeGreaterThan(0.9);
    expect(percents.length).toBeGreaterThan(0);
  });

  it("keeps the clips' sound under ducked music, or mutes it", async () => {
    const [red, green] = colourClips as [string, string, string];
    const edit = {
      moments: [moment(red, 0, 2.4), moment(green, 0, 2.4)],
      music: { id: musicId },
    };
    const duck = await renderProxy({ ...edit, audio: 'duck' });
    const mute = await renderProxy({ ...edit, audio: 'mute' });
    // The clips carry a steady 3 kHz tone; the music is 1 kHz clicks.
    const toneDucked = bandLevel(duck.output, 3000, 0.5);
    const toneMuted = bandLevel(mute.output, 3000, 0.5);
    expect(toneDucked).toBeGreaterThan(-40);
    // The clicks have some energy at 3 kHz too, so "muted" is some 25 dB down, not silence.
    expect(toneMuted).toBeLessThan(toneDucked - 15);
    expect(bandLevel(mute.output, 1000, 0.5)).toBeGreaterThan(-50);
  });

  it('previews a frame through the render pipeline, cropping vertically around the focus point', async () => {
    const halves = services.files.fromPath(halvesClip(dir)).id;
    const frameAt = async (x: number) => {
      const value = (await call('montage.preview', {
        edit: { moments: [moment(halves, 0, 3)], preset: 'tiktok', focus: { x, y: 0.5 } },
        at: 0,
      })) as { image: string; t: number };
      expect(value.image.startsWith('data:image/png;base64,')).toBe(true);
      const png = path.join(tempDir(), 'frame.png');
      fs.writeFileSync(png, Buffer.from(value.image.split(',')[1] ?? '', 'base64'));
      return frameRgb(png, 0);
    };
    const centre = { x: 200, y: 400, w: 140, h: 160 };
    expect(share(await frameAt(0), 540, centre, (p) => near(p, [255, 0, 0], 60))).toBeGreaterThan(
      0.9,
    );
    expect(share(await frameAt(1), 540, centre, (p) => near(p, [0, 0, 255], 60))).toBeGreaterThan(
      0.9,
    );
    const thumbs = (await call('montage.thumbnails', {
      frames: [{ clipId: halves, t: 1 }],
    })) as { images: (string | null)[] };
    expect(thumbs.images[0]?.startsWith('data:image/jpeg;base64,')).toBe(true);
  });

  it('renders from VFR, rotated, WebM and silent clips (one from the library), skipping a corrupt one', async () => {
    const events = eventsClip(dir);
    const variants = variantClips(dir, events);
    const imported = MediaImportResult.parse(
      await call('media.import', { files: [{ id: services.files.fromPath(variants.vfr).id }] }),
    );
    const vfrMedia = `media:${imported.imported[0]?.media.id ?? ''}`;
    const clips = [
      vfrMedia,
      ...[variants.rotated, variants.webm, silentClip(dir), corruptClip(dir)].map(
        (file) => services.files.fromPath(file).id,
      ),
    ];
    const plan = GenerateResult.parse(
      await call('montage.generate', {
        clips: clips.map((id) => ({ id })),
        targetDurationS: 10,
        music: { id: musicId },
        moments: { lengthS: 2, minLengthS: 1, maxLengthS: 3, leadInS: 0.5 },
      }),
    );
    expect(plan.clips.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'skipped']);
    const used = new Set(plan.moments.map((m) => m.clipId));
    expect(used.size).toBeGreaterThanOrEqual(3);
    const { output, layout } = await renderProxy({
      moments: plan.moments,
      music: { id: musicId },
      outro: { text: 'See you', durationS: 1 },
    });
    const info = probe(output);
    const video = info.streams.find((s) => s.codec_type === 'video');
    expect(video).toMatchObject({ codec_name: 'h264', width: 540, height: 960 });
    expect(info.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    expect(Number(info.format.duration)).toBeCloseTo(layout.durationS, 0);
  });

  it('cancels a montage render through render.cancel: no output is left', async () => {
    const [red, green, blue] = colourClips as [string, string, string];
    const target = await services.files.pickSave({ suggestedName: 'cancelled.mp4' });
    expect(target.target).not.toBeNull();
    const value = (await call('montage.render', {
      edit: {
        moments: [moment(red, 0, 6), moment(green, 0, 6), moment(blue, 0, 6)],
        preset: 'youtube',
      },
      target: { id: target.target?.id ?? '' },
    })) as { job: unknown };
    const job = RenderJob.parse(value.job);
    await call('render.cancel', { id: job.id });
    await services.renderQueue.whenIdle();
    expect(services.renderQueue.get(job.id).status).toBe('cancelled');
    const file = services.fileRegistry.get(target.target?.id ?? '').path;
    expect(fs.existsSync(file)).toBe(false);
  });
});
