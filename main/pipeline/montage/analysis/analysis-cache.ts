/**
 * Clip analyses on disk, one JSON file per media hash and analysis version, so re-opening a
 * montage of the same clips (or adding one clip to it) only analyses what is new.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../../util/atomic-write';
import { ANALYSIS_VERSION, type ClipAnalysis } from './clip-analysis';

export class AnalysisCache {
  constructor(private readonly dir: string) {}

  private fileFor(hash: string): string {
    return path.join(this.dir, `${hash}.v${String(ANALYSIS_VERSION)}.json`);
  }

  /** The cached analysis, or null when missing, unreadable or made by another version. */
  get(hash: string): ClipAnalysis | null {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.fileFor(hash), 'utf8')) as ClipAnalysis;
      return parsed.version === ANALYSIS_VERSION ? parsed : null;
    } catch {
      return null;
    }
  }

  put(hash: string, analysis: ClipAnalysis): void {
    fs.mkdirSync(this.dir, { recursive: true });
    writeFileAtomicSync(this.fileFor(hash), JSON.stringify(analysis));
  }
}
