/**
 * `library.*`: whole-library work: project bundles (.reelsmith), garbage collection, and the
 * progress and cancellation of long operations.
 */
import { z } from 'zod';
import { event, operation } from './define';
import { Project } from './projects.contract';

const Id = z.string().min(1).max(64);

export const LongOperationKind = z.enum(['media-import', 'bundle-export', 'bundle-import']);

export const libraryOperations = {
  'library.exportBundle': operation({
    doc: 'Writes a project and its media to one .reelsmith file (a save handle). Emits library.progress; cancellable.',
    input: z
      .object({ projectId: Id, target: z.object({ id: Id }).strict(), operationId: Id.optional() })
      .strict(),
    output: z.object({
      bytes: z.number().int(),
      media: z.number().int(),
      segments: z.number().int(),
    }),
  }),
  'library.importBundle': operation({
    doc: 'Opens a .reelsmith file as a new project (new ids, media deduplicated, lineage kept). Emits library.progress; cancellable.',
    input: z.object({ file: z.object({ id: Id }).strict(), operationId: Id.optional() }).strict(),
    output: Project,
  }),
  'library.cancel': operation({
    doc: 'Cancels a running long operation by the operationId its caller chose.',
    input: z.object({ operationId: Id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'library.gc': operation({
    doc: 'Purges projects trashed over 30 days ago, then deletes unreferenced media and stray files.',
    input: z.object({}).strict(),
    output: z.object({
      projectsPurged: z.number().int(),
      mediaRemoved: z.number().int(),
      filesRemoved: z.number().int(),
      bytesFreed: z.number().int(),
    }),
  }),
};

export const LibraryProgress = z.object({
  operationId: z.string(),
  kind: LongOperationKind,
  /** Items (files, media) done and total; bytes when the unit is bytes. */
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  unit: z.enum(['files', 'bytes']),
  /** The item being worked on, for display. */
  current: z.string().optional(),
});
export type LibraryProgress = z.infer<typeof LibraryProgress>;

export const libraryEvents = {
  'library.progress': event({
    doc: 'Progress of a long library operation (import, bundle export/import).',
    payload: LibraryProgress,
  }),
};
