/**
 * The editor's preview and export and main's project render (render.start {projectId}, the CLI)
 * make the same timeline of one library project: the editor's call path (projects.get,
 * media.get, brandKits.list through the RPC router, then the editor's `editorTimeline`) against
 * main's (`RenderOperations.projectRender` on the library's render source). The editor names
 * media by library id, which the render resolves to the same files main names directly; only
 * what must differ is left out (the preview's encoder choice).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName } from '../../shared/contract';
import type { BrandKit } from '../../shared/contract/brand-kits.contract';
import type { Media, MediaKind } from '../../shared/contract/media.contract';
import type { ProjectDetail } from '../../shared/contract/projects.contract';
import type { PresetId } from '../../shared/presets';
import { Timeline, type MediaRef, type TimelineInput } from '../../shared/timeline';
import { projectMediaIds } from '../../shared/timeline/project-timeline';
import { makeFixtures, testTools } from '../../main/media/testing-fixtures';
import { createServices, type Services } from '../../main/services';
import { upsertLayer } from '../../main/store/projects/layer.repository';
import { createMemoryLogger } from '../../main/util/logger';
import { editorTimeline } from '../../renderer/features/editor/editor-timeline';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const context = { transport: 'in-process' } as const;

let services: Services;
let projectId: string;

async function call<N extends OperationName>(name: N, input: unknown): Promise<unknown> {
  const result = await services.router.handle(name, input, context);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

async function importFile(file: string): Promise<string> {
  return (await services.media.importFile({ path: file, name: path.basename(file) })).media.id;
}

beforeAll(async () => {
  services = createServices({
    dataDir: tempDir(),
    shell: 'test',
    lock: false,
    log: createMemoryLogger(),
  });
  const dir = tempDir();
  const fixtures = makeFixtures(dir);
  const bed = path.join(dir, 'bed.wav');
  execFileSync(testTools().ffmpegPath, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=f=150:d=3',
    bed,
  ]);
  const [still, other, clip, voice, music] = [
    await importFile(fixtures.png('blue.png', 'blue')),
    await importFile(fixtures.png('green.png', 'green')),
    await importFile(fixtures.mp4),
    await importFile(fixtures.wav),
    await importFile(bed),
  ];
  const kit = (await call('brandKits.create', {
    name: 'Pink',
    palette: { primary: '#ff1493', secondary: '#00ffff', accent: '#ffff00' },
  })) as BrandKit;
  const project = services.projects.create({
    title: 'Parity',
    platform: 'youtube-shorts',
    format: { width: 720, height: 1280, fps: 25 },
    brandKitId: kit.id,
  });
  projectId = project.id;
  const words = [
    { word: 'Eight ', startMs: 0, endMs: 400 },
    { word: 'arms', startMs: 500, endMs: 2600 },
  ];
  services.projects.createSegment(projectId, {
    durationMs: 2000,
    motion: 'shake',
    transition: 'slide-up',
    volume: 0.8,
    wordTimings: words,
    media: [
      { mediaId: still, role: 'visual' },
      { mediaId: voice, role: 'audio' },
    ],
  });
  services.projects.createSegment(projectId, {
    durationMs: 1500,
    playbackRate: 1.5,
    volume: 0.5,
    transition: 'wipe',
    media: [{ mediaId: clip, role: 'visual' }],
  });
  services.projects.createSegment(projectId, {
    durationMs: 1200,
    motion: 'pan-left',
    wordTimings: [{ word: 'done', startMs: 100, endMs: 900 }],
    media: [
      { mediaId: other, role: 'visual' },
      { mediaId: voice, role: 'audio' },
    ],
  });
  upsertLayer(services.library.store, projectId, {
    kind: 'captions',
    mediaId: null,
    settings: { style: { maxWordsPerLine: 3, highlight: 'karaoke', fontSize: 80 } },
  });
  upsertLayer(services.library.store, projectId, {
    kind: 'voice',
    mediaId: null,
    settings: { source: 'segments', volume: 0.9 },
  });
  // What the editor's music and caption panels write.
  await call('projects.update', {
    id: projectId,
    patch: {
      settings: {
        captionPreset: 'pop',
        music: { mediaId: music, name: 'bed.wav', volume: 0.3, ducking: true, fadeIn: 0.5 },
      },
    },
  });
});
afterAll(() => services.close());

/** The editor's way: everything through the client, then the editor's converter. */
async function fromEditor(options: {
  preset?: PresetId;
  hardware?: boolean;
}): Promise<TimelineInput> {
  const project = (await call('projects.get', { id: projectId })) as ProjectDetail;
  const kinds = new Map<string, MediaKind>();
  for (const id of projectMediaIds(project))
    kinds.set(id, ((await call('media.get', { id })) as Media).kind);
  const kits = (await call('brandKits.list', {})) as BrandKit[];
  return editorTimeline(project, kinds, kits, options);
}

/** Main's way (render.start {projectId}, the CLI, `new --render`). */
function fromMain(preset?: PresetId): TimelineInput {
  return services.render.projectRender(projectId, preset).timeline as TimelineInput;
}

/** Parsed (defaults applied), library ids replaced by the files the render reads for them. */
function asRendered(input: TimelineInput): Timeline {
  const timeline = Timeline.parse(input);
  const file = (ref: MediaRef): MediaRef =>
    'mediaId' in ref ? { path: services.media.pathOf(ref.mediaId) } : ref;
  return {
    ...timeline,
    clips: timeline.clips.map((c) => ({ ...c, media: file(c.media) })),
    overlays: timeline.overlays.map((o) =>
      o.type === 'image' ? { ...o, media: file(o.media) } : o,
    ),
    audio: {
      voice: timeline.audio.voice.map((v) => ({ ...v, media: file(v.media) })),
      ...(timeline.audio.music && {
        music: { ...timeline.audio.music, media: file(timeline.audio.music.media) },
      }),
    },
  };
}

describe('editor preview and export vs main project render', () => {
  it('export: the same timeline for a chosen preset', async () => {
    for (const preset of ['reels', 'proxy'] as const) {
      const editor = asRendered(await fromEditor({ preset, hardware: true }));
      const main = asRendered(fromMain(preset));
      expect(editor).toEqual(main);
    }
  });

  it('preview: the same timeline but for the encoder (the preview never asks for hardware)', async () => {
    const { encoder: previewEncoder, ...preview } = asRendered(
      await fromEditor({ hardware: false }),
    );
    const { encoder: mainEncoder, ...main } = asRendered(fromMain());
    expect(preview).toEqual(main);
    expect(previewEncoder.hardware).toBe(false);
    expect(mainEncoder.hardware).toBe(true);
  });

  it('the shared timeline carries every part of the project', async () => {
    const timeline = asRendered(await fromEditor({}));
    expect(timeline.output).toEqual({ preset: 'shorts', width: 720, height: 1280, fps: 25 });
    expect(timeline.clips.map((c) => [c.type, c.motion.type, c.transition.type])).toEqual([
      ['image', 'zoom-in', 'slideup'],
      ['video', 'none', 'wipeleft'],
      ['image', 'pan-left', 'cut'],
    ]);
    expect(timeline.clips[1]).toMatchObject({ speed: 1.5, audio: { keep: true, volume: 0.5 } });
    expect(timeline.audio.voice.map((v) => [v.start, Number(v.volume.toFixed(6))])).toEqual([
      [0, 0.72],
      [3.5, 0.9],
    ]);
    expect(timeline.audio.music).toMatchObject({ volume: 0.3, fadeIn: 0.5, fadeOut: 2 });
    expect(timeline.captions?.words.map((w) => w.text)).toEqual(['Eight', 'arms', 'done']);
    expect(timeline.captions?.style).toMatchObject({
      highlight: 'pop',
      fontSize: 80,
      maxWordsPerLine: 3,
      fill: '#FF1493',
    });
  });
});
