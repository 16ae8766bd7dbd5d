/**
 * `projects.*` and `segments.*`: the creator's library of short videos and their scenes.
 *
 * Deleting a project moves it to the trash for 30 days (`projects.restore` undoes it); after
 * that it is purged with its segments and layers. Media it used stay until garbage-collected.
 */
import { z } from 'zod';
import { operation } from './define';

const Id = z.string().min(1).max(64);
/** Unix milliseconds. */
const Time = z.number().int().nonnegative();

export const ProjectStatus = z.enum([
  'draft',
  'generating',
  'ready',
  'rendering',
  'rendered',
  'failed',
]);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

export const PlatformPreset = z.enum([
  'tiktok',
  'youtube-shorts',
  'instagram-reels',
  'twitch',
  'custom',
]);
export type PlatformPreset = z.infer<typeof PlatformPreset>;

export const ProjectFormat = z.object({
  width: z.number().int().min(16).max(8192),
  height: z.number().int().min(16).max(8192),
  fps: z.number().int().min(1).max(120),
});
export type ProjectFormat = z.infer<typeof ProjectFormat>;

/** Where a project came from when it is a copy: duplicated here, or imported from a bundle. */
export const ProjectLineage = z.object({
  kind: z.enum(['duplicate', 'bundle']),
  sourceProjectId: z.string(),
  sourceTitle: z.string(),
  /** The bundle's id (bundles only): the same bundle opened twice gives two projects. */
  bundleId: z.string().optional(),
  at: Time,
});
export type ProjectLineage = z.infer<typeof ProjectLineage>;

const JsonObject = z.record(z.string(), z.unknown());

export const Project = z.object({
  id: z.string(),
  title: z.string(),
  idea: z.string(),
  script: z.string(),
  status: ProjectStatus,
  format: ProjectFormat,
  platform: PlatformPreset,
  brandKitId: z.string().nullable(),
  settings: JsonObject,
  lineage: ProjectLineage.nullable(),
  segmentCount: z.number().int().nonnegative(),
  createdAt: Time,
  updatedAt: Time,
  deletedAt: Time.nullable(),
  /** Increases with every change; pass it back as `expectedRevision` to detect lost updates. */
  revision: z.number().int().positive(),
});
export type Project = z.infer<typeof Project>;

export const Motion = z.enum(['none', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'shake']);
export const Transition = z.enum(['cut', 'fade', 'slide-left', 'slide-up', 'zoom', 'wipe']);
export const MediaRole = z.enum(['visual', 'audio']);

export const WordTiming = z.object({
  word: z.string().max(200),
  startMs: z.number().int().nonnegative(),
  endMs: z.number().int().nonnegative(),
});

export const SegmentMediaLink = z.object({ mediaId: Id, role: MediaRole });

const segmentFields = {
  text: z.string().max(10_000),
  imagePrompt: z.string().max(4000),
  durationMs: z
    .number()
    .int()
    .min(100)
    .max(10 * 60_000),
  playbackRate: z.number().min(0.25).max(4),
  volume: z.number().min(0).max(2),
  motion: Motion,
  transition: Transition,
  wordTimings: z.array(WordTiming).max(5000).nullable(),
  /** At most one medium per role. */
  media: z.array(SegmentMediaLink).max(2),
};

export const Segment = z.object({
  id: z.string(),
  projectId: z.string(),
  position: z.number().int().nonnegative(),
  ...segmentFields,
  createdAt: Time,
  updatedAt: Time,
});
export type Segment = z.infer<typeof Segment>;

export const SegmentPatch = z.object(segmentFields).partial().strict();
export type SegmentPatch = z.infer<typeof SegmentPatch>;

export const LayerKind = z.enum(['captions', 'voice', 'music']);
export const Layer = z.object({
  id: z.string(),
  kind: LayerKind,
  mediaId: z.string().nullable(),
  settings: JsonObject,
  position: z.number().int().nonnegative(),
});
export type Layer = z.infer<typeof Layer>;

export const ProjectDetail = Project.extend({
  segments: z.array(Segment),
  layers: z.array(Layer),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const ProjectSort = z.enum(['updated', 'created', 'title']);

export const ProjectListInput = z
  .object({
    /** Words matched in title, idea and script (case-insensitive). */
    search: z.string().max(200).optional(),
    sort: ProjectSort.default('updated'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
    /** true: the trash (deleted projects that can still be restored). */
    trash: z.boolean().default(false),
  })
  .strict();
export type ProjectListInput = z.infer<typeof ProjectListInput>;

export const ProjectPatch = z
  .object({
    title: z.string().min(1).max(200),
    idea: z.string().max(10_000),
    script: z.string().max(100_000),
    status: ProjectStatus,
    format: ProjectFormat,
    platform: PlatformPreset,
    brandKitId: Id.nullable(),
    settings: JsonObject,
  })
  .partial()
  .strict();
export type ProjectPatch = z.infer<typeof ProjectPatch>;

const ById = z.object({ id: Id }).strict();

export const projectsOperations = {
  'projects.list': operation({
    doc: 'A page of projects: search, sort (updated/created/title, asc/desc), offset paging; total included.',
    input: ProjectListInput,
    output: z.object({ items: z.array(Project), total: z.number().int().nonnegative() }),
  }),
  'projects.get': operation({
    doc: 'One project with its ordered segments (and their media links) and layers.',
    input: ById,
    output: ProjectDetail,
  }),
  'projects.create': operation({
    doc: 'A new draft project. The format defaults to 1080×1920 at 30 fps.',
    input: z
      .object({
        title: z.string().min(1).max(200),
        idea: z.string().max(10_000).optional(),
        platform: PlatformPreset.optional(),
        format: ProjectFormat.optional(),
        brandKitId: Id.nullable().optional(),
      })
      .strict(),
    output: Project,
  }),
  'projects.update': operation({
    doc: 'Changes some fields. With expectedRevision, fails with CONFLICT if someone changed it meanwhile.',
    input: z
      .object({
        id: Id,
        patch: ProjectPatch,
        expectedRevision: z.number().int().positive().optional(),
      })
      .strict(),
    output: Project,
  }),
  'projects.duplicate': operation({
    doc: 'A copy with its segments and layers (media are shared, not copied); lineage records the source.',
    input: z.object({ id: Id, title: z.string().min(1).max(200).optional() }).strict(),
    output: Project,
  }),
  'projects.delete': operation({
    doc: 'Moves a project to the trash; restorable for 30 days, then purged.',
    input: ById,
    output: z.object({ id: z.string(), deletedAt: Time, purgeAfter: Time }),
  }),
  'projects.restore': operation({
    doc: 'Brings a trashed project back.',
    input: ById,
    output: Project,
  }),
  'segments.create': operation({
    doc: 'Adds a segment at `position` (default: the end); later segments move down.',
    input: z
      .object({ projectId: Id, position: z.number().int().min(0).optional() })
      .extend(SegmentPatch.shape)
      .strict(),
    output: Segment,
  }),
  'segments.update': operation({
    doc: 'Changes some fields of a segment (media links are replaced when `media` is given).',
    input: z.object({ id: Id, patch: SegmentPatch }).strict(),
    output: Segment,
  }),
  'segments.delete': operation({
    doc: 'Removes a segment; later segments move up.',
    input: ById,
    output: z.object({ deleted: z.boolean() }),
  }),
  'segments.reorder': operation({
    doc: "Sets the order of a project's segments; `order` must list each of its segments exactly once.",
    input: z.object({ projectId: Id, order: z.array(Id).max(10_000) }).strict(),
    output: z.array(Segment),
  }),
};
