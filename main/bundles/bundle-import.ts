/**
 * Opens a `.reelsmith` bundle as a new project: new ids, media deduplicated by hash, lineage
 * kept. The project's brand kit comes along: reused when this library has a kit with the same
 * content (logos compared after their media were deduplicated), else created with lineage. The bundle is untrusted input: it is opened read-only, checked (application id, format
 * version, integrity), its project validated with zod, and every medium goes through the same
 * import path as a user's file (sniffing, ffprobe, limits) after its bytes match their hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Project } from '../../shared/contract/projects.contract';
import { AppError } from '../../shared/errors';
import type { MediaService } from '../media/media.service';
import type { Store } from '../store/db/store';
import { findOrInsertBrandKit } from '../store/brand-kits/brand-kit.repository';
import { fontFamilies } from './bundle-format';
import { upsertLayer } from '../store/projects/layer.repository';
import { getProject, insertProject } from '../store/projects/project.repository';
import { insertSegment } from '../store/projects/segment.repository';
import {
  BUNDLE_APPLICATION_ID,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BundleMediaRow,
  BundleProject,
  MediaProvenance,
} from './bundle-format';

export interface ImportProgress {
  signal?: AbortSignal;
  onBytes?: (done: number, total: number) => void;
}

function notABundle(file: string, why: string): AppError {
  return new AppError('VALIDATION', `${path.basename(file)} is not a Reelsmith bundle (${why}).`);
}

function openBundle(file: string): SqliteDatabase.Database {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw notABundle(file, (error as Error).message);
  }
  try {
    db.pragma('trusted_schema = OFF');
    if (db.pragma('application_id', { simple: true }) !== BUNDLE_APPLICATION_ID) {
      throw notABundle(file, 'wrong file type');
    }
    if (db.pragma('quick_check', { simple: true }) !== 'ok') {
      throw new AppError('CORRUPT', `${path.basename(file)} is damaged.`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error instanceof AppError ? error : notABundle(file, (error as Error).message);
  }
}

/** Imports the bundle at `file`; returns the new project. */
export async function importBundle(
  file: string,
  store: Store,
  media: MediaService,
  progress: ImportProgress = {},
): Promise<Project> {
  const db = openBundle(file);
  const scratch = path.join(media.files.tmpDir, `${randomUUID()}.bundle-media`);
  try {
    const manifest = new Map(
      (db.prepare('select key, value from manifest').all() as { key: string; value: string }[]).map(
        (r) => [r.key, r.value],
      ),
    );
    if (manifest.get('format') !== BUNDLE_FORMAT) throw notABundle(file, 'unknown format');
    const version = Number(manifest.get('version'));
    if (!Number.isInteger(version) || version > BUNDLE_VERSION) {
      throw new AppError(
        'INCOMPATIBLE',
        `This bundle needs a newer Reelsmith (bundle format ${manifest.get('version')}).`,
      );
    }
    const row = db.prepare('select json from project').get() as { json: string } | undefined;
    const parsed = BundleProject.safeParse(row ? JSON.parse(row.json) : null);
    if (!parsed.success) throw notABundle(file, 'its project is unreadable');
    const project = parsed.data;
    const mediaRows = db
      .prepare('select * from media')
      .all()
      .map((r) => {
        const checked = BundleMediaRow.safeParse(r);
        if (!checked.success) throw notABundle(file, 'a media entry is unreadable');
        return checked.data;
      });
    const total = mediaRows.reduce((sum, m) => sum + m.bytes, 0);
    let done = 0;
    const chunks = db.prepare('select data from chunks where sha256 = ? order by seq');
    const newIds = new Map<string, string>();
    for (const item of mediaRows) {
      const hash = createHash('sha256');
      const out = fs.openSync(scratch, 'w', 0o600);
      try {
        for (const chunk of chunks.iterate(item.sha256) as Iterable<{ data: Buffer }>) {
          if (progress.signal?.aborted) throw new AppError('CANCELLED', 'Bundle import cancelled.');
          hash.update(chunk.data);
          fs.writeSync(out, chunk.data);
          done += chunk.data.length;
          progress.onBytes?.(done, total);
        }
      } finally {
        fs.closeSync(out);
      }
      if (hash.digest('hex') !== item.sha256) {
        throw new AppError(
          'CORRUPT',
          `The bundle's copy of ${item.original_name} is damaged (hash mismatch).`,
        );
      }
      const provenance = MediaProvenance.safeParse(JSON.parse(item.provenance_json));
      const imported = await media.importFile(
        { path: scratch, name: item.original_name },
        {
          signal: progress.signal,
          source: item.source,
          provenance: provenance.success ? provenance.data : {},
        },
      );
      newIds.set(item.id, imported.media.id);
      fs.rmSync(scratch, { force: true });
    }
    const mapId = (id: string) => {
      const mapped = newIds.get(id);
      if (!mapped) throw notABundle(file, `medium ${id} is referenced but missing`);
      return mapped;
    };
    const bundleId = manifest.get('bundle_id') ?? 'unknown';
    const kit = project.brandKit ?? null;
    return store.transaction(() => {
      const brandKitId =
        kit &&
        findOrInsertBrandKit(
          store,
          {
            ...kit,
            // Imported font files do not travel in bundles: only the family names.
            fonts: fontFamilies(kit.fonts),
            logos: kit.logos.map((l) => ({ ...l, mediaId: mapId(l.mediaId) })),
          },
          { kind: 'bundle', sourceBrandKitId: kit.id, bundleId, at: Date.now() },
        );
      const id = insertProject(store, {
        ...project,
        brandKitId,
        lineage: {
          kind: 'bundle',
          sourceProjectId: project.id,
          sourceTitle: project.title,
          bundleId,
          at: Date.now(),
        },
      });
      for (const segment of project.segments) {
        insertSegment(store, id, {
          ...segment,
          media: segment.media.map((m) => ({ ...m, mediaId: mapId(m.mediaId) })),
        });
      }
      for (const layer of project.layers) {
        upsertLayer(store, id, {
          ...layer,
          mediaId: layer.mediaId === null ? null : mapId(layer.mediaId),
        });
      }
      return getProject(store, id);
    });
  } finally {
    db.close();
    fs.rmSync(scratch, { force: true });
  }
}
