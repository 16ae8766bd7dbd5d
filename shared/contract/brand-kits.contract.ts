/**
 * `brandKits.*`: a creator's colours, fonts and logos, used by assets, montages and captions.
 */
import { z } from 'zod';
import { operation } from './define';

const Id = z.string().min(1).max(64);

/** `primary`, `icon` and `wordmark` are the brand's logos; the older shape names still load. */
export const LogoType = z.enum([
  'primary',
  'icon',
  'wordmark',
  'square',
  'horizontal',
  'watermark',
]);
export type LogoType = z.infer<typeof LogoType>;

const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c');

/** An extended colour, with an optional note on where it is used ("stream alerts only"). */
export const BrandColor = z.object({
  name: z.string().min(1).max(50),
  hex: Hex,
  usage: z.string().max(200).optional(),
});
export type BrandColor = z.infer<typeof BrandColor>;

/** The three main colours; assets use primary as background, secondary and accent for shapes and text. */
export const BrandPalette = z
  .object({ primary: Hex.nullable(), secondary: Hex.nullable(), accent: Hex.nullable() })
  .strict();
export type BrandPalette = z.infer<typeof BrandPalette>;

/** A TTF/OTF font the creator imported (a `font` medium) and the family name inside it. */
export const BrandFontFile = z.object({
  family: z.string().min(1).max(100),
  mediaId: Id,
});
export type BrandFontFile = z.infer<typeof BrandFontFile>;

/**
 * Font families by role: a bundled family (see `BUNDLED_FONT_FAMILIES`) or one of `imported`.
 * Assets draw their text with the heading font; captions and title cards use it too.
 */
export const BrandFonts = z.object({
  heading: z.string().min(1).max(100).optional(),
  body: z.string().min(1).max(100).optional(),
  imported: z.array(BrandFontFile).max(8).optional(),
});

/** Families shipped in resources/fonts; assets draw text with these. */
export const BUNDLED_FONT_FAMILIES = ['Noto Sans', 'Noto Sans JP', 'Noto Sans Arabic'] as const;

/** A logo is a medium (image) of the library. */
export const BrandLogo = z.object({ type: LogoType, mediaId: Id });

const brandKitFields = {
  name: z.string().min(1).max(100),
  palette: BrandPalette,
  /** Extended colours beyond the palette. */
  colors: z.array(BrandColor).max(32),
  fonts: BrandFonts,
  /** At most one logo per type. */
  logos: z.array(BrandLogo).max(6),
  defaultLogoType: LogoType.nullable(),
  /** How the brand talks ("hype but kind, no swearing"); the coach and scripts follow it. */
  toneNotes: z.string().max(2000),
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
  'brandKits.importFont': operation({
    doc: 'Imports a TTF/OTF file (a handle from files.*) into the media store for brand kits: VALIDATION when it is not a usable font. Returns its family name.',
    input: z.object({ file: z.object({ id: Id }).strict() }).strict(),
    output: BrandFontFile,
  }),
  'brandKits.delete': operation({
    doc: 'Deletes a brand kit; projects and assets using it keep working without one.',
    input: ById,
    output: z.object({ deleted: z.boolean() }),
  }),
};
