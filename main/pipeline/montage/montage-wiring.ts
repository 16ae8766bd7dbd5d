/**
 * Small glue between the montage service and the rest of main: which tools, how many cores.
 */
import os from 'node:os';
import { AppError } from '../../../shared/errors';
import type { Tools } from '../../system/app-info.service';
import type { AnalyzerTools } from './analysis/clip-analyzer';
import { defaultCpuSlots } from './analysis/cpu-budget';

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
