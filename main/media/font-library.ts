/**
 * The fonts folder captions are rendered with (libass `fontsdir`): the bundled fonts plus every
 * font the creator imported for a brand kit, in the data folder so it is writable in a packaged
 * app. Files are hard links where the file system allows (no copy), else copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';

const FONT_FILE = /\.(ttf|otf)$/i;

function linkOrCopy(from: string, to: string): void {
  if (fs.existsSync(to)) return;
  const temp = `${to}.${String(process.pid)}.tmp`;
  try {
    fs.linkSync(from, temp);
  } catch {
    fs.copyFileSync(from, temp);
  }
  fs.renameSync(temp, to);
}

export class FontLibrary {
  /** `dir` is created and given the bundled fonts of `bundledDir` (when that exists). */
  constructor(
    readonly dir: string,
    bundledDir: string,
  ) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      if (!fs.existsSync(bundledDir)) return;
      for (const name of fs.readdirSync(bundledDir)) {
        if (FONT_FILE.test(name)) linkOrCopy(path.join(bundledDir, name), path.join(dir, name));
      }
    } catch (error) {
      throw new AppError(
        'IO',
        `Cannot prepare the fonts folder ${dir}: ${(error as Error).message}`,
      );
    }
  }

  /** Adds an imported font (a media-store file) so captions can use it; returns its path here. */
  add(file: string, sha256: string, format: 'ttf' | 'otf'): string {
    const target = path.join(this.dir, `imported-${sha256.slice(0, 32)}.${format}`);
    try {
      linkOrCopy(file, target);
    } catch (error) {
      throw new AppError('IO', `Cannot add the font to ${this.dir}: ${(error as Error).message}`);
    }
    return target;
  }
}
