/**
 * `brandKits.*`: each operation one transaction.
 */
import type { BrandKit, BrandKitPatch } from '../../../shared/contract/brand-kits.contract';
import { AppError } from '../../../shared/errors';
import type { Store } from '../db/store';
import {
  deleteBrandKit,
  getBrandKit,
  insertBrandKit,
  listBrandKits,
  updateBrandKit,
} from './brand-kit.repository';

export class BrandKitsService {
  constructor(private readonly store: Store) {}

  /** Every brand kit by name. */
  list(): BrandKit[] {
    return listBrandKits(this.store);
  }

  /** One brand kit. */
  get(id: string): BrandKit {
    return getBrandKit(this.store, id);
  }

  /** A new brand kit. */
  create(input: BrandKitPatch & { name: string }): BrandKit {
    return this.store.transaction(() => getBrandKit(this.store, insertBrandKit(this.store, input)));
  }

  /** Changes a brand kit. */
  update(id: string, patch: BrandKitPatch): BrandKit {
    return this.store.transaction(() => {
      updateBrandKit(this.store, id, patch);
      return getBrandKit(this.store, id);
    });
  }

  /** Deletes a brand kit. */
  delete(id: string): { deleted: boolean } {
    const deleted = this.store.transaction(() => deleteBrandKit(this.store, id));
    if (!deleted) throw new AppError('NOT_FOUND', `No such brand kit: ${id}`);
    return { deleted };
  }
}
