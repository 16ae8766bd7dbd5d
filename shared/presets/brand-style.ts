/**
 * A brand kit's look on video: caption colours and font, title card colours and font. One place,
 * used by the project renderer (captions) and the montage (title cards), so a kit looks the same
 * everywhere. Colours that would not read against each other are replaced by black or white.
 */
import type { BrandKit } from '../contract/brand-kits.contract';

/** WCAG contrast below which text on a colour (or an outline around it) stops reading. */
const MIN_CONTRAST = 3;

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return (
    0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
  );
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function readableOn(background: string): string {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#FFFFFF')
    ? '#000000'
    : '#FFFFFF';
}

/** The kit's heading family (bundled or imported), else its body family. */
export function brandFontFamily(kit: BrandKit): string | undefined {
  return kit.fonts.heading ?? kit.fonts.body;
}

/** Caption style fields from a kit (timeline `CaptionStyle` keys); a layer's own style wins. */
export interface BrandCaptionStyle {
  fontFamily?: string;
  fill?: string;
  outline?: string;
  highlightColor?: string;
}

/**
 * Captions in the brand: words filled with the primary colour, outlined in whichever of black
 * and white reads against it, the spoken word highlighted in the accent (else the secondary).
 */
export function brandCaptionStyle(kit: BrandKit): BrandCaptionStyle {
  const { primary, secondary, accent } = kit.palette;
  const family = brandFontFamily(kit);
  const fill = primary ?? undefined;
  const outline = fill ? readableOn(fill) : undefined;
  const highlight = [accent, secondary].find(
    (c): c is string =>
      c !== null && (outline === undefined || contrastRatio(c, outline) >= MIN_CONTRAST),
  );
  return {
    ...(family !== undefined && { fontFamily: family }),
    ...(fill !== undefined && { fill: fill.toUpperCase() }),
    ...(outline !== undefined && { outline }),
    ...(highlight !== undefined && { highlightColor: highlight.toUpperCase() }),
  };
}

export interface BrandCardStyle {
  background: string;
  text: string;
  fontFamily: string;
}

/**
 * A title card in the brand: the primary colour (else the first extended colour) behind text in
 * the secondary colour when it reads there, else black or white; the heading font.
 */
export function brandCardStyle(kit: BrandKit, fallback: BrandCardStyle): BrandCardStyle {
  const background = kit.palette.primary ?? kit.colors[0]?.hex ?? fallback.background;
  const candidates = [kit.palette.secondary, kit.palette.primary ? null : kit.colors[1]?.hex];
  const text =
    candidates.find(
      (c): c is string => typeof c === 'string' && contrastRatio(c, background) >= MIN_CONTRAST,
    ) ?? readableOn(background);
  return { background, text, fontFamily: brandFontFamily(kit) ?? fallback.fontFamily };
}
