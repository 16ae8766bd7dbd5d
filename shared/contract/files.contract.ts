/**
 * `files.*`: the only way files cross between the user and main.
 *
 * In Electron, main shows native dialogs and works with paths. In the browser shell the user's
 * files are on another machine: the browser uploads them (`POST /files`) into a staging folder
 * and gets the same `FileHandle`; saving produces a handle whose bytes are fetched from a
 * token-checked download URL. Later features (import, export, montage clips, logos) take handles.
 */
import { z } from 'zod';
import { operation } from './define';

export const FileHandle = z.object({
  /** Opaque id; valid for the lifetime of the process that issued it. */
  id: z.string(),
  /** The file's name as the user knows it (sanitised; never a path). */
  name: z.string(),
  /** Size in bytes; 0 for a save target not written yet. */
  bytes: z.number().int().nonnegative(),
  /** `open`: a file to read. `save`: a place to write. */
  mode: z.enum(['open', 'save']),
});
export type FileHandle = z.infer<typeof FileHandle>;

export const FileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'must be an extension without dot, or *'))
    .min(1)
    .max(50),
});
export type FileFilter = z.infer<typeof FileFilter>;

const HandleRef = z.object({ id: z.string().min(1).max(100) }).strict();

export const RevealResult = z.discriminatedUnion('action', [
  z.object({ action: z.literal('revealed') }),
  z.object({ action: z.literal('download'), url: z.string() }),
]);
export type RevealResult = z.infer<typeof RevealResult>;

export const OpenResult = z.discriminatedUnion('action', [
  /** Electron: the OS opened the file with its default app. */
  z.object({ action: z.literal('opened') }),
  /** Browser shell: a token-checked URL that shows the file inline (open it in a new tab). */
  z.object({ action: z.literal('url'), url: z.string() }),
]);
export type OpenResult = z.infer<typeof OpenResult>;

export const filesOperations = {
  'files.pickOpen': operation({
    doc: 'Electron: native open dialog. Browser shell: UNSUPPORTED (the page uploads through POST /files).',
    input: z
      .object({
        title: z.string().max(200).optional(),
        filters: z.array(FileFilter).max(20).optional(),
        multiple: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ canceled: z.boolean(), files: z.array(FileHandle) }),
  }),
  'files.fromPath': operation({
    doc: 'A handle for a local path (Electron drag-and-drop via pathForFile). Refused in the browser shell.',
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: FileHandle,
  }),
  'files.pickSave': operation({
    doc: 'Electron: native save dialog. Browser shell: a staging target later fetched by download URL.',
    input: z
      .object({
        suggestedName: z.string().min(1).max(255),
        title: z.string().max(200).optional(),
        filters: z.array(FileFilter).max(20).optional(),
      })
      .strict(),
    output: z.object({ canceled: z.boolean(), target: FileHandle.nullable() }),
  }),
  'files.get': operation({
    doc: 'The current state of a handle (size after a save target was written).',
    input: HandleRef,
    output: FileHandle,
  }),
  'files.reveal': operation({
    doc: 'Electron: show the file in its folder. Browser shell: a download URL for it.',
    input: HandleRef,
    output: RevealResult,
  }),
  'files.open': operation({
    doc: 'Electron: open the file with its default app. Browser shell: a URL that shows it in a new tab.',
    input: HandleRef,
    output: OpenResult,
  }),
  'files.release': operation({
    doc: 'Forgets a handle; an uploaded staging copy is deleted.',
    input: HandleRef,
    output: z.object({ released: z.boolean() }),
  }),
};
