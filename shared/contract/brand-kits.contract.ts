/**
 * `brandKits.*`: a creator's colours, fonts and logos, used by assets, montages and captions.
 */
import { z } from 'zod';
import { operation } from './define';

const Id = z.string().min(1).max(64);

export const LogoType = z.enum(['square', 'horizontal', 'icon', 'watermark']);
export type LogoType = z.infer<typeof LogoType>;

export const BrandColor = z.object({
  name: z.string().min(1).max(50),
  hex: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c'),
});

export const BrandFonts = z.object({
  heading: z.string().min(1).max(100).optional(),
  body: z.string().min(1).max(100).optional(),
});

/** A logo is a medium (image) of the library. */
export const BrandLogo = z.object({ type: LogoType, mediaId: Id });

const brandKitFields = {
  name: z.string().min(1).max(100),
  colors: z.array(BrandColor).max(32),
  fonts: BrandFonts,
  /** At most one logo per type. */
  logos: z.array(BrandLogo).max(4),
  defaultLogoType: LogoType.nullable(),
};

/** Where a kit came from when it arrived with a project bundle from another library. */
export const BrandKitLineage = z.object({
  kind: z.literal('bundle'),
  sourceBrandKitId: z.string(),
  bundleId: z.string(),
  at: z.number().int().nonnegative(),
});
export type BrandKitLineage = z.infer<typeof BrandKitLineage>;

export const BrandKit = z.object({
  id: z.string(),
  ...brandKitFields,
  lineage: BrandKitLineage.nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type BrandKit = z.infer<typeof BrandKit>;

export const BrandKitInput = z.object(brandKitFields).partial().strict().required({ name: true });
export const BrandKitPatch = z.object(brandKitFields).partial().strict();
export type BrandKitPatch = z.infer<typeof BrandKitPatch>;

const ById = z.object({ id: Id }).strict();

export const brandKitsOperations = {
  'brandKits.list': operation({
    doc: 'Every brand kit, by name.',
    input: z.object({}).strict(),
    output: z.array(BrandKit),
  }),
  'brandKits.get': operation({ doc: 'One brand kit.', input: ById, output: BrandKit }),
  'brandKits.create': operation({
    doc: 'A new brand kit; logos must be image media of the library.',
    input: BrandKitInput,
    output: BrandKit,
  }),
  'brandKits.update': operation({
    doc: 'Changes some fields; `logos` replaces the whole set.',
    input: z.object({ id: Id, patch: BrandKitPatch }).strict(),
    output: BrandKit,
  }),
  'brandKits.delete': operation({
    doc: 'Deletes a brand kit; projects and assets using it keep working without one.',
    input: ById,
    output: z.object({ deleted: z.boolean() }),
  }),
};
