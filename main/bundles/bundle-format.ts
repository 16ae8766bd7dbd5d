/**
 * The `.reelsmith` project bundle: one SQLite file (documented in the README, "Bundle format").
 *
 * SQLite rather than zip: no extra dependency, a checkable file (`application_id`, integrity
 * check), transactional writing, and random access to media without unpacking everything.
 * Tables: `manifest(key, value)`, `project(json)` (one row), `media(...)` (one row per medium,
 * metadata only) and `chunks(sha256, seq, data)` (media bytes in 1 MiB blobs). The project's
 * brand kit travels inside `project.json` (`brandKit`, optional: bundles written before it
 * existed have none); its logos and imported font files (`fonts.imported`, absent from bundles
 * written before fonts travelled) are media like the others, deduplicated by hash.
 */
import { z } from 'zod';
import {
  LayerKind,
  MediaRole,
  Motion,
  PlatformPreset,
  ProjectFormat,
  ProjectStatus,
  Transition,
  WordTiming,
} from '../../shared/contract/projects.contract';
import { MediaKind, MediaProvenance } from '../../shared/contract/media.contract';
import {
  BrandColor,
  BrandFonts,
  BrandPalette,
  LogoType,
} from '../../shared/contract/brand-kits.contract';

/** `PRAGMA application_id` of a bundle: "RSMB". */
export const BUNDLE_APPLICATION_ID = 0x52534d42;
export const BUNDLE_FORMAT = 'reelsmith-bundle';
/** Bump when the layout changes incompatibly; older apps refuse newer bundles. */
export const BUNDLE_VERSION = 1;
export const BUNDLE_CHUNK_BYTES = 1024 * 1024;

export const BUNDLE_SCHEMA = `
  create table manifest (key text primary key, value text not null);
  create table project (json text not null);
  create table media (
    id text primary key, sha256 text not null unique, kind text not null, mime text not null,
    bytes integer not null, original_name text not null, source text not null,
    provenance_json text not null
  );
  create table chunks (sha256 text not null, seq integer not null, data blob not null,
    primary key (sha256, seq));
`;

/** The project's brand kit as stored in a bundle (logo media ids are the bundle's). */
export const BundleBrandKit = z.object({
  id: z.string().max(64),
  name: z.string().min(1).max(100),
  colors: z.array(BrandColor).max(32),
  fonts: BrandFonts,
  logos: z.array(z.object({ type: LogoType, mediaId: z.string().max(64) })).max(4),
  defaultLogoType: LogoType.nullable(),
  /** Absent in bundles written before kits had a palette and tone notes. */
  palette: BrandPalette.default({ primary: null, secondary: null, accent: null }),
  toneNotes: z.string().max(2000).default(''),
});
export type BundleBrandKit = z.infer<typeof BundleBrandKit>;

/** The project as stored in a bundle (ids are the exporter's; the importer makes new ones). */
export const BundleProject = z.object({
  id: z.string().max(64),
  title: z.string().min(1).max(200),
  idea: z.string().max(10_000),
  script: z.string().max(100_000),
  status: ProjectStatus,
  format: ProjectFormat,
  platform: PlatformPreset,
  settings: z.record(z.string(), z.unknown()),
  segments: z
    .array(
      z.object({
        text: z.string().max(10_000),
        imagePrompt: z.string().max(4000),
        durationMs: z.number().int().min(100).max(600_000),
        playbackRate: z.number().min(0.25).max(4),
        volume: z.number().min(0).max(2),
        motion: Motion,
        transition: Transition,
        wordTimings: z.array(WordTiming).max(5000).nullable(),
        media: z.array(z.object({ mediaId: z.string(), role: MediaRole })).max(2),
      }),
    )
    .max(10_000),
  layers: z
    .array(
      z.object({
        kind: LayerKind,
        mediaId: z.string().nullable(),
        settings: z.record(z.string(), z.unknown()),
      }),
    )
    .max(10),
  brandKit: BundleBrandKit.nullable().optional(),
});
export type BundleProject = z.infer<typeof BundleProject>;

export const BundleMediaRow = z.object({
  id: z.string().max(64),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: MediaKind,
  mime: z.string(),
  bytes: z.number().int().positive(),
  original_name: z.string().max(1000),
  source: z.enum(['imported', 'generated']),
  provenance_json: z.string(),
});
export type BundleMediaRow = z.infer<typeof BundleMediaRow>;

export { MediaProvenance };
