/**
 * The `Database` interface: every table of the local library, for kysely's typed queries.
 */
import type { AssetTable } from './tables/asset.table';
import type { AssetVariantTable } from './tables/asset-variant.table';
import type { BrandKitFontTable, BrandKitLogoTable, BrandKitTable } from './tables/brand-kit.table';
import type { JobTable } from './tables/job.table';
import type { LayerTable } from './tables/layer.table';
import type { MediaTable } from './tables/media.table';
import type { MigrationTable } from './tables/migration.table';
import type {
  OutboxPartTable,
  OutboxTable,
  OutboxUploadTable,
  PublishedVideoTable,
} from './tables/outbox.table';
import type { ProjectTable } from './tables/project.table';
import type { SegmentMediaVersionTable } from './tables/segment-media-version.table';
import type { SegmentMediaTable, SegmentTable } from './tables/segment.table';
import type { SettingTable } from './tables/setting.table';

export interface Database {
  projects: ProjectTable;
  segments: SegmentTable;
  segment_media: SegmentMediaTable;
  segment_media_versions: SegmentMediaVersionTable;
  media: MediaTable;
  layers: LayerTable;
  brand_kits: BrandKitTable;
  brand_kit_logos: BrandKitLogoTable;
  brand_kit_fonts: BrandKitFontTable;
  assets: AssetTable;
  asset_variants: AssetVariantTable;
  jobs: JobTable;
  outbox: OutboxTable;
  outbox_uploads: OutboxUploadTable;
  outbox_parts: OutboxPartTable;
  published_videos: PublishedVideoTable;
  settings: SettingTable;
  schema_migrations: MigrationTable;
}
