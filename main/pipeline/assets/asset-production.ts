/**
 * From a chosen variant to every size of its asset type: fit, cut out, decorate, encode within
 * the byte limit, validate by reading back, and check emote legibility at chat size.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AssetBrief, ExportedAsset } from '../../../shared/contract/assets.contract';
import type { BrandKit } from '../../../shared/contract/brand-kits.contract';
import { AppError } from '../../../shared/errors';
import { ASSET_TYPES, assetFileName, type AssetSize } from '../../../shared/presets/asset-types';
import { encodeWithinLimit, validateAsset } from './asset-encoding';
import { cutOut, decorate, fitToSize, type SizingStyle } from './asset-sizing';
import { brandColours } from './coach/grounding';
import { checkLegibility } from './legibility';

/** Bundled bold fonts by family (resources/fonts, built by scripts/fonts.mjs). */
const BUNDLED_BOLD: Record<string, string> = {
  'Noto Sans': 'NotoSans_700Bold.ttf',
  'Noto Sans JP': 'NotoSansJP_700Bold.ttf',
  'Noto Sans Arabic': 'NotoSansArabic_700Bold.ttf',
};

export interface ProducedAsset {
  asset: ExportedAsset;
  bytes: Buffer;
}

export interface ProductionInput {
  master: Buffer;
  brief: AssetBrief;
  kit: BrandKit | null;
  /** The file of a medium (logos, imported fonts). */
  logoFile: (mediaId: string) => string;
  fontsDir: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, detail: string) => void;
}

/** The colours an asset uses: the brief's, else the brand kit's. */
export function assetColours(brief: AssetBrief, kit: BrandKit | null): string[] {
  return brief.colors.length > 0 ? [...brief.colors] : brandColours(kit);
}

/**
 * The font of the kit's heading family: a font the creator imported into the kit, else the
 * bundled bold of that family, else Noto Sans Bold.
 */
export function headingFont(
  kit: BrandKit | null,
  fontsDir: string,
  mediaFile: (mediaId: string) => string,
) {
  const imported = kit?.fonts.imported?.find((f) => f.family === kit.fonts.heading);
  if (imported) return { fontFile: mediaFile(imported.mediaId), fontFamily: imported.family };
  const family =
    kit?.fonts.heading && BUNDLED_BOLD[kit.fonts.heading] ? kit.fonts.heading : 'Noto Sans';
  const file = path.join(fontsDir, BUNDLED_BOLD[family] ?? 'NotoSans_700Bold.ttf');
  if (!fs.existsSync(file))
    throw new AppError('NOT_FOUND', `The bundled font ${file} is missing; run npm run build.`);
  return { fontFile: file, fontFamily: `${family} Bold` };
}

function logoFor(kit: BrandKit | null, want: string, logoFile: (id: string) => string) {
  if (!kit || kit.logos.length === 0) return null;
  const logo =
    kit.logos.find((l) => l.type === want) ??
    kit.logos.find((l) => l.type === kit.defaultLogoType) ??
    kit.logos[0];
  return logo ? fs.readFileSync(logoFile(logo.mediaId)) : null;
}

/** Every size of the brief's asset type, validated; plus legibility warnings. */
export async function produceAsset(
  input: ProductionInput,
): Promise<{ files: ProducedAsset[]; warnings: string[] }> {
  const spec = ASSET_TYPES[input.brief.assetType];
  const colours = assetColours(input.brief, input.kit);
  const background = colours[0] ?? '#111111';
  const style: SizingStyle = {
    background,
    text: input.brief.text,
    ...headingFont(input.kit, input.fontsDir, input.logoFile),
    logo: spec.logo === 'none' ? null : logoFor(input.kit, spec.logoType, input.logoFile),
  };
  const master = spec.transparent ? await cutOut(input.master, spec) : input.master;
  const files: ProducedAsset[] = [];
  const warnings: string[] = [];
  const total = spec.sizes.length;
  for (const [i, size] of spec.sizes.entries()) {
    if (input.signal?.aborted) throw new AppError('CANCELLED', 'Export cancelled.');
    const name = assetFileName(spec.id, size);
    input.onProgress?.(i, total, name);
    const sized = await decorate(
      await fitToSize(master, size, spec, background),
      size,
      spec,
      style,
    );
    const encoded = await encodeWithinLimit(sized, size, spec, background);
    files.push({ asset: await validateAsset(encoded, size, spec), bytes: encoded });
    if (isChatSize(spec.id, size)) {
      const report = await checkLegibility(encoded, name);
      warnings.push(...report.warnings);
      if (input.brief.text.length > 6 && spec.id === 'twitch_emote')
        warnings.push(
          `${name}: “${input.brief.text}” is too long to read at 28 px; use one short word.`,
        );
    }
  }
  input.onProgress?.(total, total, 'validated');
  return { files, warnings };
}

/** The size chat shows: 28 px emotes, 18 px badges. */
function isChatSize(type: AssetBrief['assetType'], size: AssetSize): boolean {
  return (
    (type === 'twitch_emote' && size.width === 28) || (type === 'twitch_badge' && size.width === 18)
  );
}
