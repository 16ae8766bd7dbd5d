/**
 * The asset studio's variants in the library: the master picture imported into the media store
 * as a generated image, a row in `asset_variants` pointing at it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AssetTypeId } from '../../../shared/presets/asset-types';
import type { Store } from '../db/store';
import {
  deleteAssetVariant,
  findAssetVariant,
  insertAssetVariant,
  listAssetVariants,
  type AssetVariantRecord,
} from './asset-variant.repository';

export interface StoredVariant {
  record: AssetVariantRecord;
  /** The master PNG in the media store (read-only). */
  file: string;
}

/** Where AssetsService keeps variants (an interface so tests can see what is stored). */
export interface VariantStore {
  /** `createdAt` is the job's start, so a job's variants stay together in index order. */
  save(variant: Omit<AssetVariantRecord, 'mediaId'>, png: Buffer): Promise<void>;
  get(id: string): StoredVariant | null;
  list(filter: { assetType?: AssetTypeId; limit: number }): StoredVariant[];
  /** Forgets a variant; its master file goes too unless something else still uses it. */
  delete(id: string): { deleted: StoredVariant | null; fileRemoved: boolean };
}

export interface LibraryVariantStoreDeps {
  store: Store;
  /** Imports a file into the media store as a generated image; returns the medium's id. */
  importImage: (file: string, name: string, prompt: string) => Promise<string>;
  /** The file of a medium. */
  pathOf: (mediaId: string) => string;
  /** Scratch folder for the file handed to the import. */
  tempDir: string;
  /** Deletes a medium and its file if nothing references it any more; true when it did. */
  releaseMedium: (mediaId: string) => boolean;
}

export class LibraryVariantStore implements VariantStore {
  constructor(private readonly deps: LibraryVariantStoreDeps) {}

  /** Imports the master and records the variant. */
  async save(variant: Omit<AssetVariantRecord, 'mediaId'>, png: Buffer) {
    fs.mkdirSync(this.deps.tempDir, { recursive: true });
    const temp = path.join(this.deps.tempDir, `${randomUUID()}.png`);
    fs.writeFileSync(temp, png);
    try {
      const name = `${variant.assetType}-variant-${String(variant.index + 1)}.png`;
      const mediaId = await this.deps.importImage(temp, name, variant.brief.subject);
      insertAssetVariant(this.deps.store, { ...variant, mediaId });
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  /** A variant and its master file, or null. */
  get(id: string): StoredVariant | null {
    const record = findAssetVariant(this.deps.store, id);
    return record ? { record, file: this.deps.pathOf(record.mediaId) } : null;
  }

  /** The newest variants first. */
  list(filter: { assetType?: AssetTypeId; limit: number }): StoredVariant[] {
    return listAssetVariants(this.deps.store, filter).map((record) => ({
      record,
      file: this.deps.pathOf(record.mediaId),
    }));
  }

  /**
   * Deletes the row, then releases its medium: the same picture may back another variant (the
   * store deduplicates by hash) or have been used elsewhere, and then the file stays.
   */
  delete(id: string): { deleted: StoredVariant | null; fileRemoved: boolean } {
    const deleted = this.deps.store.transaction(() => {
      const stored = this.get(id);
      if (stored) deleteAssetVariant(this.deps.store, id);
      return stored;
    });
    if (!deleted) return { deleted: null, fileRemoved: false };
    return { deleted, fileRemoved: this.deps.releaseMedium(deleted.record.mediaId) };
  }
}
