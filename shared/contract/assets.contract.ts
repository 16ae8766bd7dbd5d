/**
 * `assets.*`: the asset studio. A coach chat refines what the creator wants into a brief; the
 * brief generates variants; the chosen variant is produced in every size its platform needs,
 * validated against the platform rules (`shared/presets/asset-types.ts`) and exported.
 */
import { z } from 'zod';
import { AssetTypeId, ASSET_TYPE_IDS } from '../presets/asset-types';
import { event, operation } from './define';
import { FileHandle } from './files.contract';
import { ProviderKind } from './settings.contract';

const Id = z.string().min(1).max(100);
const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c');

export { AssetTypeId, ASSET_TYPE_IDS };

/** What to make: the coach's result, or filled in by hand. */
export const AssetBrief = z
  .object({
    assetType: AssetTypeId,
    /** What the picture shows ("a cat giving a thumbs up"). */
    subject: z.string().trim().min(1).max(500),
    /** Look and feel ("bold cartoon, thick outlines"). */
    style: z.string().trim().max(200),
    /** Words drawn on the image; empty for none. */
    text: z.string().trim().max(40),
    /** Colours to use, most important first; empty = the brand kit's. */
    colors: z.array(Hex).max(6),
  })
  .strict();
export type AssetBrief = z.infer<typeof AssetBrief>;

export const CoachMessage = z
  .object({ role: z.enum(['user', 'assistant']), content: z.string().max(4000) })
  .strict();
export type CoachMessage = z.infer<typeof CoachMessage>;

export const CoachInput = z
  .object({
    /** Chosen by the caller so it can match events and cancel before the call returns. */
    chatId: Id,
    /** The conversation so far, the newest user message last. */
    messages: z.array(CoachMessage).min(1).max(60),
    brandKitId: Id.nullable().default(null),
    /** Set when the creator already picked a type in the studio. */
    assetType: AssetTypeId.optional(),
    /** Default: the script provider of the settings. */
    provider: ProviderKind.optional(),
  })
  .strict();
export type CoachInput = z.input<typeof CoachInput>;

export const CoachReply = z.object({
  chatId: z.string(),
  /** The coach's whole answer text (what the tokens spelled). */
  reply: z.string(),
  /** Set once the coach has enough to generate. */
  brief: AssetBrief.nullable(),
});
export type CoachReply = z.infer<typeof CoachReply>;

export const AssetVariant = z.object({
  id: z.string(),
  index: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** A small PNG preview as a data: URL (works on every transport). */
  previewDataUrl: z.string(),
});
export type AssetVariant = z.infer<typeof AssetVariant>;

/** A variant kept in the library: what it was generated from, so it can be exported later. */
export const SavedAssetVariant = AssetVariant.extend({
  jobId: z.string(),
  assetType: AssetTypeId,
  brief: AssetBrief,
  brandKitId: z.string().nullable(),
  createdAt: z.number().int(),
});
export type SavedAssetVariant = z.infer<typeof SavedAssetVariant>;

export const GenerateAssetsInput = z
  .object({
    jobId: Id.optional(),
    brief: AssetBrief,
    brandKitId: Id.nullable().default(null),
    count: z.number().int().min(1).max(6).default(4),
    provider: ProviderKind.optional(),
  })
  .strict();
export type GenerateAssetsInput = z.input<typeof GenerateAssetsInput>;

export const GenerateAssetsResult = z.object({
  jobId: z.string(),
  variants: z.array(AssetVariant),
});
export type GenerateAssetsResult = z.infer<typeof GenerateAssetsResult>;

export const ExportAssetsInput = z
  .object({
    jobId: Id.optional(),
    /** A variant of an earlier `assets.generate` (kept in the library across restarts). */
    variantId: Id,
    brief: AssetBrief,
    brandKitId: Id.nullable().default(null),
  })
  .strict();
export type ExportAssetsInput = z.input<typeof ExportAssetsInput>;

/** One exported size, as read back from the written file (not as intended). */
export const ExportedAsset = z.object({
  /** `twitch_emote_112x112.png` */
  name: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(['png', 'jpg']),
  bytes: z.number().int().positive(),
  transparent: z.boolean(),
});
export type ExportedAsset = z.infer<typeof ExportedAsset>;

export const ExportAssetsResult = z.object({
  jobId: z.string(),
  files: z.array(ExportedAsset.extend({ file: FileHandle })),
  /** Legibility and fit warnings ("hard to read at 28 px"). */
  warnings: z.array(z.string()),
});
export type ExportAssetsResult = z.infer<typeof ExportAssetsResult>;

export const AssetPhase = z.enum(['generating', 'sizing', 'validating', 'exporting']);
export type AssetPhase = z.infer<typeof AssetPhase>;

const chatEvent = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ chatId: z.string(), type: z.literal(type), ...shape });

/** One step of a coach reply, in order: grounding…, token…, intent_ready?, then done or error. */
export const CoachEvent = z.discriminatedUnion('type', [
  chatEvent('grounding', {
    /** What is being looked up. */
    source: z.enum(['brand_kit', 'platform_rules']),
    detail: z.string(),
  }),
  chatEvent('grounding_complete', {
    /** The facts the coach works from, one line each. */
    facts: z.array(z.string()),
  }),
  chatEvent('token', { text: z.string() }),
  chatEvent('intent_ready', { brief: AssetBrief }),
  chatEvent('done', {}),
  chatEvent('error', { code: z.string(), message: z.string() }),
]);
export type CoachEvent = z.infer<typeof CoachEvent>;

export const assetsOperations = {
  'assets.coach': operation({
    doc: 'One coach turn: streams assets.coach events (grounding, tokens, intent_ready, done | error) and returns the reply. Cancel with assets.coachCancel.',
    input: CoachInput,
    output: CoachReply,
  }),
  'assets.coachCancel': operation({
    doc: 'Stops a coach reply mid-stream; false when none runs under that id.',
    input: z.object({ chatId: Id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'assets.generate': operation({
    doc: 'Generates variants of a brief with the image provider in the brand palette. Emits assets.progress; cancel with assets.cancel.',
    input: GenerateAssetsInput,
    output: GenerateAssetsResult,
  }),
  'assets.variants': operation({
    doc: 'Generated variants kept in the library, newest first (optionally one asset type), to pick and export after a restart.',
    input: z
      .object({
        assetType: AssetTypeId.optional(),
        limit: z.number().int().min(1).max(60).default(24),
      })
      .strict(),
    output: z.array(SavedAssetVariant),
  }),
  'assets.deleteVariant': operation({
    doc: 'Deletes a kept variant; its master file leaves the media store unless another variant or project still uses it (fileRemoved). NOT_FOUND when already gone.',
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.literal(true), fileRemoved: z.boolean() }),
  }),
  'assets.export': operation({
    doc: 'Produces every size of the variant, validates each against the platform rules and writes them as download targets.',
    input: ExportAssetsInput,
    output: ExportAssetsResult,
  }),
  'assets.cancel': operation({
    doc: 'Stops a running generate or export job.',
    input: z.object({ jobId: Id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'assets.publish': operation({
    doc: 'Publishes an exported file as a public asset link through the sync queue.',
    input: z.object({ fileId: Id, assetType: AssetTypeId }).strict(),
    output: z.object({ url: z.string() }),
  }),
};

export const assetsEvents = {
  'assets.progress': event({
    doc: 'Progress of a generate or export job.',
    payload: z.object({
      jobId: z.string(),
      phase: AssetPhase,
      done: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      detail: z.string().optional(),
    }),
  }),
  'assets.coach': event({
    doc: 'One step of a streaming coach reply (token, intent_ready, grounding, grounding_complete, done, error).',
    payload: CoachEvent,
  }),
};
