/**
 * Generated asset variants (migration 0007): what was generated from which brief, its master
 * picture a medium of the store. Kept across restarts so listing, picking and exporting work
 * after the studio is reopened.
 */
import type { AssetBrief } from '../../../shared/contract/assets.contract';
import { AppError } from '../../../shared/errors';
import { AssetTypeId } from '../../../shared/presets/asset-types';
import type { Store } from '../db/store';
import type { AssetVariantRow } from '../db/tables/asset-variant.table';

export interface AssetVariantRecord {
  id: string;
  jobId: string;
  assetType: AssetTypeId;
  index: number;
  brandKitId: string | null;
  mediaId: string;
  brief: AssetBrief;
  width: number;
  height: number;
  createdAt: number;
}

function toRecord(row: AssetVariantRow): AssetVariantRecord {
  const assetType = AssetTypeId.safeParse(row.asset_type);
  if (!assetType.success)
    throw new AppError('CORRUPT', `Variant ${row.id} has an unknown asset type ${row.asset_type}.`);
  return {
    id: row.id,
    jobId: row.job_id,
    assetType: assetType.data,
    index: row.variant_index,
    brandKitId: row.brand_kit_id,
    mediaId: row.media_id,
    brief: JSON.parse(row.brief_json) as AssetBrief,
    width: row.width,
    height: row.height,
    createdAt: row.created_at,
  };
}

/** Records a variant whose master medium is already in the store. */
export function insertAssetVariant(store: Store, variant: AssetVariantRecord): void {
  store.run(
    store.db.insertInto('asset_variants').values({
      id: variant.id,
      job_id: variant.jobId,
      asset_type: variant.assetType,
      variant_index: variant.index,
      brand_kit_id: variant.brandKitId,
      media_id: variant.mediaId,
      brief_json: JSON.stringify(variant.brief),
      width: variant.width,
      height: variant.height,
      created_at: variant.createdAt,
    }),
  );
}

/** One variant, or null. */
export function findAssetVariant(store: Store, id: string): AssetVariantRecord | null {
  const row = store.first(store.db.selectFrom('asset_variants').selectAll().where('id', '=', id));
  return row ? toRecord(row) : null;
}

/** The newest variants, optionally of one asset type. */
export function listAssetVariants(
  store: Store,
  filter: { assetType?: AssetTypeId; limit: number },
): AssetVariantRecord[] {
  let query = store.db.selectFrom('asset_variants').selectAll();
  if (filter.assetType) query = query.where('asset_type', '=', filter.assetType);
  const rows = store.all(
    query
      .orderBy('created_at', 'desc')
      .orderBy('job_id')
      .orderBy('variant_index')
      .limit(filter.limit),
  );
  return rows.map(toRecord);
}

/** Deletes a variant row (its medium stays: the caller releases it); false when there was none. */
export function deleteAssetVariant(store: Store, id: string): boolean {
  return store.run(store.db.deleteFrom('asset_variants').where('id', '=', id)) > 0;
}
