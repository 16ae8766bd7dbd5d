/**
 * Where generated files go: the library's media store (content-addressed files under
 * `media/objects/`, a `media` row with source `generated` and provenance), never the database.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaService } from '../../../media/media.service';

export interface StoredMedia {
  /** The library medium's id. */
  mediaId: string;
  /** Its (read-only) file in the content store. */
  path: string;
}

/** Who made a generated file, kept as the medium's provenance. */
export interface GeneratedProvenance {
  provider: string;
  model: string;
  prompt: string;
  seed: number | null;
}

export interface MediaStore {
  /** Stores bytes as a generated medium (the same bytes give the same medium). */
  put(
    bytes: Buffer,
    extension: 'png' | 'wav',
    provenance: GeneratedProvenance,
    signal?: AbortSignal,
  ): Promise<StoredMedia>;
  read(mediaPath: string): Promise<Buffer>;
}

/** Longest prompt excerpt used in a generated file's name. */
const NAME_PROMPT_CHARS = 48;

export class LibraryMediaStore implements MediaStore {
  constructor(private readonly media: MediaService) {}

  async put(
    bytes: Buffer,
    extension: 'png' | 'wav',
    provenance: GeneratedProvenance,
    signal?: AbortSignal,
  ): Promise<StoredMedia> {
    // Written beside the store's staging area (swept at start if a crash leaves it there).
    const temp = path.join(this.media.files.tmpDir, `${randomUUID()}.gen.${extension}`);
    await fs.writeFile(temp, bytes, { mode: 0o600 });
    try {
      const { media } = await this.media.importFile(
        { path: temp, name: generatedName(provenance.prompt, extension) },
        {
          source: 'generated',
          provenance: {
            provider: provenance.provider,
            model: provenance.model,
            prompt: provenance.prompt,
            ...(provenance.seed !== null && { seed: provenance.seed }),
          },
          signal,
        },
      );
      return { mediaId: media.id, path: this.media.files.objectPath(media.sha256) };
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  read(mediaPath: string): Promise<Buffer> {
    return fs.readFile(mediaPath);
  }
}

/** A readable name for the media library: the prompt's start, e.g. `an octopus with….png`. */
function generatedName(prompt: string, extension: string): string {
  const words = prompt.replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ').trim();
  const short =
    words.length > NAME_PROMPT_CHARS ? `${words.slice(0, NAME_PROMPT_CHARS).trim()}…` : words;
  return `${short || 'generated'}.${extension}`;
}
