/**
 * Small glue between the montage service and the rest of main: which tools, how many cores.
 */
import os from 'node:os';
import { AppError } from '../../../shared/errors';
import type { FileRegistry } from '../../files/file-registry';
import type { MediaService } from '../../media/media.service';
import type { Tools } from '../../system/app-info.service';
import type { AnalyzerTools } from './analysis/clip-analyzer';
import { defaultCpuSlots } from './analysis/cpu-budget';
import type { ClipFiles } from './montage.service';

/** Prefix of clip ids naming library media (`media:<id>`) rather than file handles. */
export const LIBRARY_CLIP_PREFIX = 'media:';

/**
 * Clip ids to files: `media:<id>` is a clip imported into the library (its sha256 is known, so
 * it is not hashed again); anything else is a file handle.
 */
export function clipFiles(files: FileRegistry, media: MediaService): ClipFiles {
  return {
    get(id) {
      if (!id.startsWith(LIBRARY_CLIP_PREFIX)) return files.get(id);
      const mediaId = id.slice(LIBRARY_CLIP_PREFIX.length);
      const record = media.get(mediaId);
      return { path: media.pathOf(mediaId), name: record.originalName, sha256: record.sha256 };
    },
  };
}

/** The ffmpeg/ffprobe paths, or FFMPEG_NOT_FOUND with the locator's explanation. */
export function toolsOrThrow(tools: Tools): AnalyzerTools {
  if (!tools.ffmpeg.found) throw new AppError('FFMPEG_NOT_FOUND', tools.ffmpeg.message);
  if (!tools.ffprobe.found) throw new AppError('FFMPEG_NOT_FOUND', tools.ffprobe.message);
  return { ffmpeg: tools.ffmpeg.path, ffprobe: tools.ffprobe.path };
}

/**
 * Analysis processes to run at once: `REELSMITH_MONTAGE_CPUS` when set, else all cores but one.
 */
export function montageCpuSlots(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.REELSMITH_MONTAGE_CPUS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return Math.min(fromEnv, 64);
  return defaultCpuSlots(os.availableParallelism());
}
