/**
 * Writes a project and its media into a `.reelsmith` bundle.
 *
 * Written to a temporary file beside the target, fsynced, then renamed: a cancelled or failed
 * export never leaves a half-written bundle under the chosen name.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { BrandKit } from '../../shared/contract/brand-kits.contract';
import type { ProjectDetail } from '../../shared/contract/projects.contract';
import { AppError, BugError } from '../../shared/errors';
import { APP_VERSION } from '../config/version';
import type { MediaService } from '../media/media.service';
import {
  BUNDLE_APPLICATION_ID,
  BUNDLE_CHUNK_BYTES,
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA,
  BUNDLE_VERSION,
  type BundleProject,
} from './bundle-format';

export interface ExportProgress {
  signal?: AbortSignal;
  onBytes?: (done: number, total: number) => void;
  /** The project's brand kit (exported with its logos), if it has one. */
  brandKit?: BrandKit | null;
}

function mediaIdsOf(project: ProjectDetail, brandKit: BrandKit | null): string[] {
  const ids = new Set<string>();
  for (const s of project.segments) for (const m of s.media) ids.add(m.mediaId);
  for (const l of project.layers) if (l.mediaId) ids.add(l.mediaId);
  for (const logo of brandKit?.logos ?? []) ids.add(logo.mediaId);
  for (const font of brandKit?.fonts.imported ?? []) ids.add(font.mediaId);
  return [...ids];
}

function toBundleProject(p: ProjectDetail, kit: BrandKit | null): BundleProject {
  return {
    id: p.id,
    title: p.title,
    idea: p.idea,
    script: p.script,
    status: p.status,
    format: p.format,
    platform: p.platform,
    settings: p.settings,
    segments: p.segments.map((s) => ({
      text: s.text,
      imagePrompt: s.imagePrompt,
      durationMs: s.durationMs,
      playbackRate: s.playbackRate,
      volume: s.volume,
      motion: s.motion,
      transition: s.transition,
      wordTimings: s.wordTimings,
      media: s.media,
    })),
    layers: p.layers.map((l) => ({ kind: l.kind, mediaId: l.mediaId, settings: l.settings })),
    brandKit: kit && {
      id: kit.id,
      name: kit.name,
      colors: kit.colors,
      fonts: kit.fonts,
      logos: kit.logos,
      defaultLogoType: kit.defaultLogoType,
      palette: kit.palette,
      toneNotes: kit.toneNotes,
    },
  };
}

/** Exports `project` to `target`; returns sizes. */
export async function exportBundle(
  project: ProjectDetail,
  media: MediaService,
  target: string,
  progress: ExportProgress = {},
): Promise<{ bytes: number; media: number; segments: number }> {
  const brandKit = progress.brandKit ?? null;
  if (brandKit && brandKit.id !== project.brandKitId) {
    throw new BugError(`exportBundle: brand kit ${brandKit.id} is not the project's`);
  }
  const items = mediaIdsOf(project, brandKit).map((id) => media.get(id));
  const total = items.reduce((sum, m) => sum + m.bytes, 0);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.tmp`);
  const db = new SqliteDatabase(temp);
  let done = 0;
  try {
    db.pragma('journal_mode = OFF');
    db.pragma(`application_id = ${BUNDLE_APPLICATION_ID}`);
    db.exec(BUNDLE_SCHEMA);
    const manifest = db.prepare('insert into manifest (key, value) values (?, ?)');
    db.transaction(() => {
      manifest.run('format', BUNDLE_FORMAT);
      manifest.run('version', String(BUNDLE_VERSION));
      manifest.run('bundle_id', randomUUID());
      manifest.run('created_at', String(Date.now()));
      manifest.run('app_version', APP_VERSION);
      db.prepare('insert into project (json) values (?)').run(
        JSON.stringify(toBundleProject(project, brandKit)),
      );
    })();
    const insertMedia = db.prepare(
      'insert into media (id, sha256, kind, mime, bytes, original_name, source, provenance_json) values (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertChunk = db.prepare('insert into chunks (sha256, seq, data) values (?, ?, ?)');
    for (const item of items) {
      insertMedia.run(
        item.id,
        item.sha256,
        item.kind,
        item.mime,
        item.bytes,
        item.originalName,
        item.source,
        JSON.stringify(item.provenance),
      );
      const handle = await fs.promises.open(media.files.objectPath(item.sha256), 'r');
      try {
        for (let seq = 0; ; seq++) {
          if (progress.signal?.aborted) throw new AppError('CANCELLED', 'Export cancelled.');
          const buffer = Buffer.alloc(BUNDLE_CHUNK_BYTES);
          const { bytesRead } = await handle.read(
            buffer,
            0,
            BUNDLE_CHUNK_BYTES,
            seq * BUNDLE_CHUNK_BYTES,
          );
          if (bytesRead === 0) break;
          insertChunk.run(item.sha256, seq, buffer.subarray(0, bytesRead));
          done += bytesRead;
          progress.onBytes?.(done, total);
        }
      } finally {
        await handle.close();
      }
    }
    db.close();
    const fd = fs.openSync(temp, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, target);
  } catch (error) {
    if (db.open) db.close();
    fs.rmSync(temp, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('IO', `Could not write the bundle ${target}: ${(error as Error).message}`);
  }
  return {
    bytes: fs.statSync(target).size,
    media: items.length,
    segments: project.segments.length,
  };
}
