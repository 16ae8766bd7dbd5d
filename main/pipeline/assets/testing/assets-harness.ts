/**
 * An AssetsService for tests: the offline image provider on the system ffmpeg, the bundled
 * fonts, brand kits from a map, variants in a real library (SQLite + media store) in the temp
 * folder, staging targets there too, and every event recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CoachEvent } from '../../../../shared/contract/assets.contract';
import type { BrandKit } from '../../../../shared/contract/brand-kits.contract';
import { AppError } from '../../../../shared/errors';
import { ContentStore } from '../../../media/content-store';
import { BROWSER_MEDIA_URLS, MediaService } from '../../../media/media.service';
import { LibraryVariantStore } from '../../../store/assets/library-variant-store';
import type { Library } from '../../../store/db/open-library';
import { openTempLibrary } from '../../../store/testing/temp-library';
import { OfflineImageProvider } from '../../generate/offline/offline-image.provider';
import { findResourcesDir } from '../../render/resources-dir';
import type { AssetPublisher } from '../asset-publisher';
import { AssetsService, type AssetsServiceDeps } from '../assets.service';
import type { CoachEngine } from '../coach/coach.types';
import { OfflineCoach } from '../coach/offline-coach';

export const FFMPEG = process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg';
const FFPROBE = path.join(path.dirname(FFMPEG), 'ffprobe');

/** A kit with a vivid palette, easy to find again in pixels. */
export function testKit(overrides: Partial<BrandKit> = {}): BrandKit {
  return {
    id: 'kit',
    name: 'Neon',
    palette: { primary: '#e91e63', secondary: '#1e88e5', accent: '#ffd600' },
    colors: [{ name: 'ink', hex: '#101010', usage: 'outlines' }],
    fonts: { heading: 'Noto Sans' },
    logos: [],
    defaultLogoType: null,
    toneNotes: 'Hype but kind.',
    lineage: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

export interface AssetsHarness {
  service: AssetsService;
  coachEvents: CoachEvent[];
  progress: Parameters<AssetsServiceDeps['emitProgress']>[0][];
  stagingDir: string;
  /** The SQLite library variants are kept in (a real file in the temp folder). */
  library: Library;
  media: MediaService;
}

export interface AssetsHarnessOptions {
  kits?: BrandKit[];
  coach?: CoachEngine;
  publisher?: AssetPublisher;
  logos?: Record<string, string>;
  /** Called synchronously with each coach event (to cancel mid-stream). */
  onCoachEvent?: (event: CoachEvent, service: AssetsService) => void;
}

export function createAssetsHarness(
  dir: string,
  options: AssetsHarnessOptions = {},
): AssetsHarness {
  const kits = new Map((options.kits ?? [testKit()]).map((k) => [k.id, k]));
  const coachEvents: CoachEvent[] = [];
  const progress: AssetsHarness['progress'] = [];
  const stagingDir = path.join(dir, 'staging');
  let n = 0;
  const library = openTempLibrary(dir);
  // The kits exist in the library too: variants reference their kit.
  const insertKit = library.store.sqlite.prepare(
    "insert or ignore into brand_kits (id, name, colors_json, fonts_json, created_at, updated_at) values (?, ?, '[]', '{}', 0, 0)",
  );
  for (const kit of kits.values()) insertKit.run(kit.id, kit.name);
  const media = new MediaService(
    library.store,
    new ContentStore(path.join(dir, 'media')),
    { ffmpeg: () => Promise.resolve(FFMPEG), ffprobe: () => Promise.resolve(FFPROBE) },
    BROWSER_MEDIA_URLS,
  );
  const service = new AssetsService({
    images: () =>
      Promise.resolve(new OfflineImageProvider({ ffmpeg: () => Promise.resolve(FFMPEG) })),
    coach: () => Promise.resolve(options.coach ?? new OfflineCoach()),
    brandKit: (id) => {
      const kit = kits.get(id);
      if (!kit) throw new AppError('NOT_FOUND', `No such brand kit: ${id}`);
      return kit;
    },
    logoFile: (mediaId) => {
      const file = options.logos?.[mediaId];
      if (!file) throw new AppError('NOT_FOUND', `No such medium: ${mediaId}`);
      return file;
    },
    variants: new LibraryVariantStore({
      store: library.store,
      importImage: async (file, name) => (await media.importFile({ path: file, name })).media.id,
      pathOf: (id) => media.pathOf(id),
      tempDir: path.join(dir, 'cache'),
      releaseMedium: (mediaId) => media.deleteIfUnused(mediaId),
    }),
    stagingTarget: (name) => {
      const target = path.join(stagingDir, String(n++), name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      return {
        path: target,
        handle: () => ({ id: target, name, bytes: fs.statSync(target).size, mode: 'save' }),
      };
    },
    filePath: (id) => id,
    fontsDir: path.join(findResourcesDir(), 'fonts'),
    emitCoach: (event) => {
      coachEvents.push(event);
      options.onCoachEvent?.(event, service);
    },
    emitProgress: (p) => progress.push(p),
    publisher: options.publisher ?? null,
  });
  return { service, coachEvents, progress, stagingDir, library, media };
}
