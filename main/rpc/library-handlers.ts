/**
 * Handlers of the library operations: projects, segments, media, brand kits, bundles.
 */
import { AppError } from '../../shared/errors';
import { exportBundle } from '../bundles/bundle-export';
import { importBundle } from '../bundles/bundle-import';
import { importBrandFont } from '../media/brand-font-import';
import type { Services } from '../services';
import type { Handlers } from './router';

type LibraryOperation = Extract<
  keyof Handlers,
  | `projects.${string}`
  | `segments.${string}`
  | `media.${string}`
  | `brandKits.${string}`
  | `library.${string}`
>;

type LibraryServices = Pick<
  Services,
  'library' | 'projects' | 'brandKits' | 'media' | 'fonts' | 'operations' | 'fileRegistry'
>;

export function createLibraryHandlers(services: LibraryServices): Pick<Handlers, LibraryOperation> {
  const { library, projects, brandKits, media, fonts, operations, fileRegistry } = services;

  function readable(id: string) {
    const entry = fileRegistry.get(id);
    if (entry.mode !== 'open')
      throw new AppError('VALIDATION', `${entry.name} is a save target, not a file to read.`);
    return entry;
  }

  return {
    'projects.list': (input) => projects.list(input),
    'projects.get': ({ id }) => projects.get(id),
    'projects.create': (input) => projects.create(input),
    'projects.update': ({ id, patch, expectedRevision }) =>
      projects.update(id, patch, expectedRevision),
    'projects.duplicate': ({ id, title }) => projects.duplicate(id, title),
    'projects.delete': ({ id }) => projects.delete(id),
    'projects.restore': ({ id }) => projects.restore(id),
    'segments.create': ({ projectId, position, ...fields }) =>
      projects.createSegment(projectId, fields, position),
    'segments.update': ({ id, patch }) => projects.updateSegment(id, patch),
    'segments.delete': ({ id }) => projects.deleteSegment(id),
    'segments.reorder': ({ projectId, order }) => projects.reorderSegments(projectId, order),
    'media.import': async ({ files, projectId, operationId }, context) => {
      if (projectId) projects.get(projectId);
      const sources = files.map(({ id }) => readable(id));
      const op = operations.start('media-import', 'files', operationId, context.signal);
      try {
        const result = await media.importFiles(sources, {
          signal: op.signal,
          onProgress: (done, current) => op.progress(done, sources.length, current),
        });
        if (projectId) {
          for (const { media: m } of result.imported) {
            projects.createSegment(projectId, {
              media: [{ mediaId: m.id, role: m.kind === 'audio' ? 'audio' : 'visual' }],
              ...(m.durationMs !== null &&
                m.kind === 'video' && {
                  durationMs: Math.min(Math.max(m.durationMs, 100), 600_000),
                }),
            });
          }
        }
        return result;
      } finally {
        op.end();
      }
    },
    'media.list': (input) => media.list(input),
    'media.get': ({ id }) => media.get(id),
    'media.delete': ({ id }) => media.delete(id),
    'media.thumbnail': ({ id }) => media.thumbnail(id),
    'media.projectThumbnails': ({ projectIds }) => media.projectThumbnails(projectIds),
    'media.musicTracks': () => media.music.tracks(),
    'media.synthMusic': ({ trackId }) => media.music.track(trackId),
    'brandKits.list': () => brandKits.list(),
    'brandKits.get': ({ id }) => brandKits.get(id),
    'brandKits.create': (input) => brandKits.create(input),
    'brandKits.update': ({ id, patch }) => brandKits.update(id, patch),
    'brandKits.delete': ({ id }) => brandKits.delete(id),
    'brandKits.importFont': ({ file }) => {
      const entry = readable(file.id);
      return importBrandFont({ path: entry.path, name: entry.name }, media, fonts);
    },
    'library.exportBundle': async ({ projectId, target, operationId }, context) => {
      const entry = fileRegistry.get(target.id);
      if (entry.mode !== 'save')
        throw new AppError('VALIDATION', 'target: must be a save handle (files.pickSave).');
      const project = projects.get(projectId);
      const brandKit = project.brandKitId === null ? null : brandKits.get(project.brandKitId);
      const op = operations.start('bundle-export', 'bytes', operationId, context.signal);
      try {
        return await exportBundle(project, media, entry.path, {
          brandKit,
          signal: op.signal,
          onBytes: (done, total) => op.progress(done, total),
        });
      } finally {
        op.end();
      }
    },
    'library.importBundle': async ({ file, operationId }, context) => {
      const entry = readable(file.id);
      const op = operations.start('bundle-import', 'bytes', operationId, context.signal);
      try {
        return await importBundle(entry.path, library.store, media, fonts, {
          signal: op.signal,
          onBytes: (done, total) => op.progress(done, total),
        });
      } finally {
        op.end();
      }
    },
    'library.cancel': ({ operationId }) => ({ cancelled: operations.cancel(operationId) }),
    'library.gc': () => ({ projectsPurged: projects.purgeExpired(), ...media.collectGarbage() }),
  };
}
