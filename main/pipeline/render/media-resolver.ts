/**
 * Finding media files: a `MediaResolver` maps a timeline's media reference to a local path.
 *
 * Until the library (SQLite media repository) lands, `PathMediaResolver` handles path refs
 * (relative ones against the timeline file's folder) and reports library ids as unknown.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { MediaRef } from '../../../shared/timeline';
import { AppError } from '../../../shared/errors';
import type { MediaUse, ResolvedMedia } from './media-refs';

export interface MediaResolver {
  /** The local path of `ref`, or null when it is unknown. */
  resolve(ref: MediaRef): Promise<string | null>;
}

export class PathMediaResolver implements MediaResolver {
  /** @param baseDir folder relative paths are read from (the timeline file's). */
  constructor(private readonly baseDir: string = process.cwd()) {}

  resolve(ref: MediaRef): Promise<string | null> {
    return Promise.resolve('path' in ref ? path.resolve(this.baseDir, ref.path) : null);
  }
}

/**
 * Library ids through the media store (`mediaId` → its content-addressed file), paths as
 * `PathMediaResolver` does. An unknown id resolves to null, which the render reports as
 * NOT_FOUND naming the field.
 */
export class LibraryMediaResolver implements MediaResolver {
  constructor(
    private readonly pathOf: (mediaId: string) => string,
    private readonly paths: MediaResolver = new PathMediaResolver(),
  ) {}

  resolve(ref: MediaRef): Promise<string | null> {
    if (!('mediaId' in ref)) return this.paths.resolve(ref);
    try {
      return Promise.resolve(this.pathOf(ref.mediaId));
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return Promise.resolve(null);
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

interface ProbeJson {
  streams?: { codec_type?: string }[];
}

/** Which streams a file has, by ffprobe; throws VALIDATION naming the field when it is unreadable. */
export function probeStreams(ffprobe: string, file: string, field: string): Promise<ResolvedMedia> {
  return new Promise((resolve, reject) => {
    execFile(
      ffprobe,
      ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'json', file],
      { timeout: 30_000, windowsHide: true, maxBuffer: 1 << 20 },
      (error, stdout) => {
        let parsed: ProbeJson = {};
        try {
          parsed = JSON.parse(stdout) as ProbeJson;
        } catch {
          parsed = {};
        }
        const types = (parsed.streams ?? []).map((s) => s.codec_type);
        if (error || types.length === 0) {
          reject(
            new AppError(
              'VALIDATION',
              `${field}: ${file} is not a picture, video or sound ffmpeg can read.`,
              {
                details: { field, path: file },
              },
            ),
          );
          return;
        }
        resolve({
          path: file,
          hasVideo: types.includes('video'),
          hasAudio: types.includes('audio'),
        });
      },
    );
  });
}

/** Probe results by path, size and modification time (a changed file is probed again). */
const probed = new Map<string, Omit<ResolvedMedia, 'path'>>();
const PROBE_CACHE_SIZE = 1000;

/**
 * `probeStreams` once per file version: previews and single frames for scrubbing resolve the
 * same media again and again, and ten ffprobe runs are a noticeable part of a short preview.
 */
async function probeCached(ffprobe: string, file: string, field: string): Promise<ResolvedMedia> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  const key = stat ? `${ffprobe}\0${file}\0${stat.size}\0${stat.mtimeMs}` : null;
  const known = key === null ? undefined : probed.get(key);
  if (known) return { path: file, ...known };
  const result = await probeStreams(ffprobe, file, field);
  if (key !== null) {
    if (probed.size >= PROBE_CACHE_SIZE) {
      const oldest = probed.keys().next().value;
      if (oldest !== undefined) probed.delete(oldest);
    }
    probed.set(key, { hasVideo: result.hasVideo, hasAudio: result.hasAudio });
  }
  return result;
}

/**
 * Resolves and probes every media use; a missing file is NOT_FOUND naming the file and field,
 * a file without the needed stream is VALIDATION.
 */
export async function resolveMedia(
  uses: readonly MediaUse[],
  resolver: MediaResolver,
  ffprobe: string,
): Promise<Map<string, ResolvedMedia>> {
  const entries = await Promise.all(
    uses.map(async (use): Promise<[string, ResolvedMedia]> => {
      const file = await resolver.resolve(use.ref);
      const name = 'path' in use.ref ? use.ref.path : `library media ${use.ref.mediaId}`;
      if (file === null || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
        throw new AppError('NOT_FOUND', `Media file not found: ${file ?? name} (${use.field})`, {
          details: { field: use.field, path: file ?? name },
        });
      }
      const found = await probeCached(ffprobe, file, use.field);
      if (use.needs !== 'sound' && !found.hasVideo) {
        throw new AppError('VALIDATION', `${use.field}: ${file} has no picture.`, {
          details: { field: use.field, path: file },
        });
      }
      if (use.needs === 'sound' && !found.hasAudio) {
        throw new AppError('VALIDATION', `${use.field}: ${file} has no sound.`, {
          details: { field: use.field, path: file },
        });
      }
      return [use.field, found];
    }),
  );
  return new Map(entries);
}
