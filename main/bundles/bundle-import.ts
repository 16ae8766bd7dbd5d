/**
 * Opens a `.reelsmith` bundle as a new project: new ids, media deduplicated by hash, lineage
 * kept. The project's brand kit comes along: reused when this library has a kit with the same
 * content (logos and fonts compared after their media were deduplicated), else created with
 * lineage. The bundle is untrusted input: it is opened read-only, checked (application id, format
 * version, integrity), its project validated with zod, and every medium goes through the same
 * import path as a user's file (sniffing, ffprobe, limits) after its bytes match their hash. The
 * kit's imported fonts take the path of `brandKits.importFont` (font size limit, header and name
 * table checked, family read from the file rather than trusted from the bundle) and land in the
 * fonts folder captions render with.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { Project } from '../../shared/contract/projects.contract';
import { AppError } from '../../shared/errors';
import { importBrandFont } from '../media/brand-font-import';
import type { FontLibrary } from '../media/font-library';
import { MEDIA_LIMITS } from '../media/media-limits';
import type { MediaService } from '../media/media.service';
import type { Store } from '../store/db/store';
import { findOrInsertBrandKit } from '../store/brand-kits/brand-kit.repository';
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

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Imports the bundle at `file`; returns the new project; its kit's fonts go into `fonts`. */
export async function importBundle(
  file: string,
  store: Store,
  media: MediaService,
  fonts: FontLibrary,
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
    const parsed = BundleProject.safeParse(row ? parseJsonOrNull(row.json) : null);
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
    const kit = project.brandKit ?? null;
    const fontIds = new Set((kit?.fonts.imported ?? []).map((f) => f.mediaId));
    const total = mediaRows.reduce((sum, m) => sum + m.bytes, 0);
    let done = 0;
    const chunks = db.prepare('select data from chunks where sha256 = ? order by seq');
    const newIds = new Map<string, string>();
    /** Family names as read from the font files themselves, by the bundle's medium id. */
    const families = new Map<string, string>();
    for (const item of mediaRows) {
      const isFont = fontIds.has(item.id);
      const limit = isFont ? MEDIA_LIMITS.maxFontBytes : MEDIA_LIMITS.maxBytes;
      const tooLarge = () =>
        new AppError(
          'TOO_LARGE',
          `The bundle's ${item.original_name} is too large for a ${isFont ? 'font' : 'medium'}.`,
        );
      if (item.bytes > limit) throw tooLarge();
      const hash = createHash('sha256');
      const out = fs.openSync(scratch, 'w', 0o600);
      let written = 0;
      try {
        for (const chunk of chunks.iterate(item.sha256) as Iterable<{ data: Buffer }>) {
          if (progress.signal?.aborted) throw new AppError('CANCELLED', 'Bundle import cancelled.');
          // The declared size is the bundle's word: the bytes themselves are what is limited.
          written += chunk.data.length;
          if (written > limit) throw tooLarge();
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
      const provenance = MediaProvenance.safeParse(parseJsonOrNull(item.provenance_json));
      const options = {
        signal: progress.signal,
        source: item.source,
        provenance: provenance.success ? provenance.data : {},
      };
      const source = { path: scratch, name: item.original_name };
      if (isFont) {
        const font = await importBrandFont(source, media, fonts, options);
        newIds.set(item.id, font.mediaId);
        families.set(item.id, font.family);
      } else {
        newIds.set(item.id, (await media.importFile(source, options)).media.id);
      }
      fs.rmSync(scratch, { force: true });
    }
    const mapId = (id: string) => {
      const mapped = newIds.get(id);
      if (!mapped) throw notABundle(file, `medium ${id} is referenced but missing`);
      return mapped;
    };
    const bundleId = manifest.get('bundle_id') ?? 'unknown';
    const imported = (kit?.fonts.imported ?? []).map((f) => ({
      family: families.get(f.mediaId) ?? f.family,
      mediaId: mapId(f.mediaId),
    }));
    return store.transaction(() => {
      const brandKitId =
        kit &&
        findOrInsertBrandKit(
          store,
          {
            ...kit,
            fonts: {
              ...(kit.fonts.heading !== undefined && { heading: kit.fonts.heading }),
              ...(kit.fonts.body !== undefined && { body: kit.fonts.body }),
              ...(imported.length > 0 && { imported }),
            },
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
