/**
 * `media.*`: imports into the content-addressed store, listing, reference-counted deletion,
 * thumbnails and garbage collection.
 *
 * An import either completes (object file in place, then its row) or leaves nothing: the copy
 * is staged in `tmp/`, probed there (our copy, so the original cannot change under ffprobe),
 * and only then renamed into place. A crash between rename and row leaves an unreferenced
 * file, which garbage collection removes.
 */
import path from 'node:path';
import type { Media, MediaImportResult } from '../../shared/contract/media.contract';
import { AppError } from '../../shared/errors';
import type { Store } from '../store/db/store';
import {
  allMediaHashes,
  countReferences,
  deleteMediaRow,
  findMediaBySha,
  getMediaRow,
  insertMedia,
  listMedia,
  toMediaRecord,
  unreferencedMedia,
  type MediaRecord,
} from '../store/media/media.repository';
import { loadRenderSource, type RenderSource } from '../store/projects/render-source';
import type { ContentStore } from './content-store';
import { checkSides, probeMedia } from './probe';
import { MusicSynth } from './synth-music';
import { ensureThumbnail, jpegSize } from './thumbnails';

/** Where ffmpeg and ffprobe are (throws FFMPEG_NOT_FOUND when missing). */
export interface MediaTools {
  ffmpeg(): Promise<string>;
  ffprobe(): Promise<string>;
}

/** How the renderer addresses an object and its thumbnail (per shell). */
export interface MediaUrls {
  object(sha256: string): string;
  thumbnail(sha256: string): string;
}

/** `media://library/<sha256>` for Electron; the browser shell uses `/media/<sha256>`. */
export const ELECTRON_MEDIA_URLS: MediaUrls = {
  object: (sha) => `media://library/${sha}`,
  thumbnail: (sha) => `media://library/thumbs/${sha}.jpg`,
};

/** The browser shell's authenticated `/media/` route (main/shell/browser-shell.ts). */
export const BROWSER_MEDIA_URLS: MediaUrls = {
  object: (sha) => `/media/${sha}`,
  thumbnail: (sha) => `/media/thumbs/${sha}.jpg`,
};

export interface ImportSource {
  path: string;
  /** The name the user knows the file by. */
  name: string;
}

/** Files probed at once by `importFiles`. */
const IMPORT_CONCURRENCY = 3;

export interface ImportOptions {
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
  source?: 'imported' | 'generated';
  provenance?: Media['provenance'];
}

export class MediaService {
  constructor(
    private readonly store: Store,
    readonly files: ContentStore,
    private readonly tools: MediaTools,
    private readonly urls: MediaUrls,
  ) {
    this.music = new MusicSynth(
      this,
      () => this.tools.ffmpeg(),
      path.join(this.files.root, 'synth'),
    );
  }

  /** The app's own music tracks, synthesised into this store on first use. */
  readonly music: MusicSynth;

  /** Adds the URL the renderer loads the medium from. */
  toMedia(record: MediaRecord): Media {
    return { ...record, url: this.urls.object(record.sha256) };
  }

  /** Imports one file; the same bytes imported twice give the same medium. */
  async importFile(
    source: ImportSource,
    options: ImportOptions = {},
  ): Promise<{ media: Media; deduplicated: boolean }> {
    const staged = await this.files.stage(source.path, source.name, options);
    try {
      const known = findMediaBySha(this.store, staged.sha256);
      if (known && this.files.has(staged.sha256)) {
        return { media: this.toMedia(toMediaRecord(known)), deduplicated: true };
      }
      checkSides(staged.sniffed.width, staged.sniffed.height);
      const probed = await probeMedia(
        await this.tools.ffprobe(),
        staged.tempFile,
        staged.sniffed,
        options.signal,
      );
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'Import cancelled.');
      this.files.commit(staged);
      const { row, created } = insertMedia(this.store, {
        sha256: staged.sha256,
        kind: probed.kind,
        mime:
          probed.kind === 'audio' && staged.sniffed.mime === 'video/mp4'
            ? 'audio/mp4'
            : staged.sniffed.mime,
        bytes: staged.bytes,
        width: probed.width,
        height: probed.height,
        duration_ms: probed.durationMs,
        codec_json: JSON.stringify(probed.codec),
        original_name: source.name,
        source: options.source ?? 'imported',
        provenance_json: JSON.stringify(options.provenance ?? {}),
      });
      return { media: this.toMedia(toMediaRecord(row)), deduplicated: !created };
    } finally {
      this.files.discard(staged);
    }
  }

  /**
   * Imports several files, a few at a time (ffprobe start-up dominates small files), keeping
   * the input order in the result and collecting per-file failures; stops at cancellation.
   */
  async importFiles(
    sources: readonly ImportSource[],
    options: { signal?: AbortSignal; onProgress?: (done: number, current: string) => void } = {},
  ): Promise<MediaImportResult> {
    const outcomes: (
      { media: Media; deduplicated: boolean } | MediaImportResult['failed'][number]
    )[] = [];
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < sources.length) {
        const index = next++;
        const source = sources[index];
        if (!source) return;
        if (options.signal?.aborted) throw new AppError('CANCELLED', 'Import cancelled.');
        options.onProgress?.(done, source.name);
        try {
          outcomes[index] = await this.importFile(source, { signal: options.signal });
        } catch (error) {
          if (error instanceof AppError && error.code === 'CANCELLED') throw error;
          const e = error instanceof AppError ? error : new AppError('INTERNAL', String(error));
          outcomes[index] = { name: source.name, code: e.code, message: e.message };
        }
        done++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, sources.length) }, worker));
    options.onProgress?.(sources.length, '');
    const result: MediaImportResult = { imported: [], failed: [] };
    for (const outcome of outcomes) {
      if ('media' in outcome) result.imported.push(outcome);
      else result.failed.push(outcome);
    }
    return result;
  }

  /** The medium holding these bytes, if it is in the store. */
  bySha(sha256: string): Media | null {
    const row = findMediaBySha(this.store, sha256);
    return row && this.files.has(sha256) ? this.toMedia(toMediaRecord(row)) : null;
  }

  /** A page of media. */
  list(input: { kind?: Media['kind']; search?: string; limit: number; offset: number }) {
    const { rows, total } = listMedia(this.store, input);
    return { items: rows.map((row) => this.toMedia(toMediaRecord(row))), total };
  }

  /** One medium with its reference count. */
  get(id: string): Media & { references: number } {
    const row = getMediaRow(this.store, id);
    return { ...this.toMedia(toMediaRecord(row)), references: countReferences(this.store, id) };
  }

  /** The local (read-only) file of a medium, for the render pipeline. */
  pathOf(id: string): string {
    return this.files.objectPath(getMediaRow(this.store, id).sha256);
  }

  /** A project ready to render: ordered segments, layers, and each medium's local path. */
  renderSource(projectId: string): RenderSource {
    return loadRenderSource(this.store, projectId, (sha) => this.files.objectPath(sha));
  }

  /** Deletes an unreferenced medium and its file. */
  delete(id: string): { deleted: boolean } {
    const row = deleteMediaRow(this.store, id);
    this.files.remove(row.sha256);
    return { deleted: true };
  }

  /**
   * Deletes a medium and its file when nothing references it; false (and nothing changed) when
   * something still does, or it is already gone.
   */
  deleteIfUnused(id: string): boolean {
    if (countReferences(this.store, id) > 0) return false;
    try {
      this.delete(id);
      return true;
    } catch (error) {
      // Gone already, or referenced meanwhile (linked between the count and the delete).
      if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'CONFLICT'))
        return false;
      throw error;
    }
  }

  /** The thumbnail of an image or video, made once. */
  async thumbnail(id: string): Promise<{ url: string; width: number; height: number }> {
    const row = getMediaRow(this.store, id);
    if (row.kind !== 'image' && row.kind !== 'video') {
      throw new AppError('UNSUPPORTED', `A ${row.kind} has no thumbnail.`);
    }
    const file = await ensureThumbnail(
      await this.tools.ffmpeg(),
      this.files,
      row.sha256,
      row.duration_ms,
    );
    return { url: this.urls.thumbnail(row.sha256), ...jpegSize(file) };
  }

  /**
   * Thumbnails for project cards: the first picture (image, or a frame of video) of each
   * project's segments, made once and cached like any thumbnail. Projects without a picture,
   * or whose picture cannot be read, are left out.
   */
  async projectThumbnails(
    projectIds: readonly string[],
  ): Promise<{ projectId: string; url: string; width: number; height: number }[]> {
    if (projectIds.length === 0) return [];
    const rows = this.store.all(
      this.store.db
        .selectFrom('segments as s')
        .innerJoin('segment_media as sm', 'sm.segment_id', 's.id')
        .innerJoin('media as m', 'm.id', 'sm.media_id')
        .select(['s.project_id as projectId', 'm.id as mediaId'])
        .where('s.project_id', 'in', [...projectIds])
        .where('sm.role', '=', 'visual')
        .where('m.kind', 'in', ['image', 'video'])
        .orderBy('s.project_id')
        .orderBy('s.position'),
    );
    const first = new Map<string, string>();
    for (const row of rows) if (!first.has(row.projectId)) first.set(row.projectId, row.mediaId);
    const out: { projectId: string; url: string; width: number; height: number }[] = [];
    for (const [projectId, mediaId] of first) {
      try {
        out.push({ projectId, ...(await this.thumbnail(mediaId)) });
      } catch {
        // An unreadable picture: the card keeps its placeholder.
      }
    }
    return out;
  }

  /** Deletes unreferenced media rows, then files no row knows. */
  collectGarbage(): { mediaRemoved: number; filesRemoved: number; bytesFreed: number } {
    let bytesFreed = 0;
    let mediaRemoved = 0;
    for (const row of unreferencedMedia(this.store)) {
      try {
        deleteMediaRow(this.store, row.id);
      } catch {
        continue; // referenced meanwhile
      }
      bytesFreed += this.files.remove(row.sha256);
      mediaRemoved++;
    }
    const known = allMediaHashes(this.store);
    let filesRemoved = 0;
    for (const sha of this.files.listObjects()) {
      if (known.has(sha)) continue;
      bytesFreed += this.files.remove(sha);
      filesRemoved++;
    }
    return { mediaRemoved, filesRemoved, bytesFreed };
  }
}
