/**
 * Imports a TTF/OTF file as a brand-kit font: the one path a font takes into the library, whether
 * the creator picked it (`brandKits.importFont`) or it arrived inside a `.reelsmith` bundle.
 *
 * Checked before anything is stored: the size limit, then the header and `name` table (a picture
 * or a web font is refused with the reason); then imported as a `font` medium (content-addressed,
 * so the same bytes twice are one medium) and linked into the fonts folder libass renders from.
 */
import fs from 'node:fs';
import type { BrandFontFile } from '../../shared/contract/brand-kits.contract';
import { AppError } from '../../shared/errors';
import type { FontLibrary } from './font-library';
import { readFontNames } from './font-names';
import { MEDIA_LIMITS } from './media-limits';
import type { ImportOptions, MediaService } from './media.service';

export interface BrandFontSource {
  path: string;
  /** The name shown in messages (the file's original name). */
  name: string;
}

/** Imports `source` as a font medium and makes captions able to use it; returns its family. */
export async function importBrandFont(
  source: BrandFontSource,
  media: MediaService,
  fonts: FontLibrary,
  options: ImportOptions = {},
): Promise<BrandFontFile> {
  if (fs.statSync(source.path).size > MEDIA_LIMITS.maxFontBytes)
    throw new AppError('TOO_LARGE', `${source.name} is too large for a font.`);
  const names = readFontNames(fs.readFileSync(source.path), source.name);
  const { media: font } = await media.importFile(source, options);
  if (font.kind !== 'font')
    throw new AppError('VALIDATION', `${source.name} is not a usable font (it is ${font.kind}).`);
  fonts.add(media.pathOf(font.id), font.sha256, names.format);
  return { family: names.family, mediaId: font.id };
}
