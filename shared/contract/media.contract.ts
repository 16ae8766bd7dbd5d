/**
 * `media.*`: files in the library's content-addressed media store.
 *
 * Imports are typed by content (magic bytes + ffprobe), limited in size, duration and pixels,
 * and deduplicated by sha256: importing the same bytes twice gives the same medium.
 */
import { z } from 'zod';
import { operation } from './define';

const Id = z.string().min(1).max(64);

export const MediaKind = z.enum(['image', 'video', 'audio', 'font']);
export type MediaKind = z.infer<typeof MediaKind>;

export const MediaProvenance = z.object({
  provider: z.string().optional(),
  model: z.string().optional(),
  prompt: z.string().optional(),
  seed: z.number().int().optional(),
});

export const Media = z.object({
  id: z.string(),
  sha256: z.string(),
  kind: MediaKind,
  mime: z.string(),
  bytes: z.number().int().positive(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  codec: z.object({
    container: z.string().nullable(),
    video: z.string().nullable(),
    audio: z.string().nullable(),
  }),
  originalName: z.string(),
  source: z.enum(['imported', 'generated']),
  provenance: MediaProvenance,
  createdAt: z.number().int(),
  /** Where the renderer loads it: `media://library/<sha256>` or `/media/<sha256>`. */
  url: z.string(),
});
export type Media = z.infer<typeof Media>;

export const ImportFailure = z.object({
  name: z.string(),
  code: z.string(),
  message: z.string(),
});

export const MediaImportResult = z.object({
  imported: z.array(z.object({ media: Media, deduplicated: z.boolean() })),
  failed: z.array(ImportFailure),
});
export type MediaImportResult = z.infer<typeof MediaImportResult>;

/** A music track the app makes itself (no audio of unclear licence). */
export const MusicTrack = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  durationMs: z.number().int().positive(),
});
export type MusicTrack = z.infer<typeof MusicTrack>;

export const mediaOperations = {
  'media.import': operation({
    doc: 'Imports files (handles from files.*) into the media store; per-file failures are listed, not thrown. Emits library.progress; cancellable.',
    input: z
      .object({
        files: z
          .array(z.object({ id: Id }).strict())
          .min(1)
          .max(1000),
        /** Appends one segment per imported medium to this project. */
        projectId: Id.optional(),
        /** Chosen by the caller so it can cancel (library.cancel) and follow progress. */
        operationId: Id.optional(),
      })
      .strict(),
    output: MediaImportResult,
  }),
  'media.list': operation({
    doc: 'A page of media, newest first, optionally one kind or a name search.',
    input: z
      .object({
        kind: MediaKind.optional(),
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(Media), total: z.number().int().nonnegative() }),
  }),
  'media.get': operation({
    doc: 'One medium and how many things (segments, layers, logos, assets, trashed projects too) use it.',
    input: z.object({ id: Id }).strict(),
    output: Media.extend({ references: z.number().int().nonnegative() }),
  }),
  'media.delete': operation({
    doc: 'Deletes a medium and its file; refused with CONFLICT while anything still references it.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'media.thumbnail': operation({
    doc: 'A JPEG thumbnail (images; a frame of video), made once and cached. UNSUPPORTED for audio and fonts.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ url: z.string(), width: z.number().int(), height: z.number().int() }),
  }),
  'media.projectThumbnails': operation({
    doc: 'Card thumbnails: the first picture of each project (cached JPEGs under the media routes); projects without one are left out.',
    input: z.object({ projectIds: z.array(Id).max(500) }).strict(),
    output: z.array(
      z.object({
        projectId: z.string(),
        url: z.string(),
        width: z.number().int(),
        height: z.number().int(),
      }),
    ),
  }),
  'media.musicTracks': operation({
    doc: 'The music tracks the app synthesises itself (original, free to use): id, name, description, length.',
    input: z.object({}).strict(),
    output: z.array(MusicTrack),
  }),
  'media.synthMusic': operation({
    doc: 'The medium of one built-in music track, synthesised with ffmpeg on first use and cached by its recipe.',
    input: z.object({ trackId: Id }).strict(),
    output: Media,
  }),
};
