/**
 * Emote legibility at chat size: the 28 px render is composited on Twitch's dark and light chat
 * backgrounds and measured — edge strength (a Laplacian) and contrast against the background.
 * A soft or background-coloured emote reads as a smudge in chat, so the studio warns.
 */
import sharp from 'sharp';

const CHAT_BACKGROUNDS = [
  { name: 'dark', hex: '#18181b' },
  { name: 'light', hex: '#ffffff' },
] as const;

/** Below these the emote is flagged (levels 0–255, measured on 28×28 px). */
export const MIN_EDGE_STRENGTH = 6;
export const MIN_CONTRAST = 18;

export interface LegibilityReport {
  /** Mean absolute Laplacian of the luminance, per background. */
  edges: Record<'dark' | 'light', number>;
  /** Mean luminance difference between the emote's visible pixels and the background. */
  contrast: Record<'dark' | 'light', number>;
  warnings: string[];
}

async function grey(image: Buffer, background: string) {
  return sharp(image)
    .flatten({ background })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/** Measures a small render (28 px emote, 18 px badge) on both chat backgrounds. */
export async function checkLegibility(small: Buffer, label: string): Promise<LegibilityReport> {
  const { data: alpha } = await sharp(small)
    .ensureAlpha()
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const report: LegibilityReport = {
    edges: { dark: 0, light: 0 },
    contrast: { dark: 0, light: 0 },
    warnings: [],
  };
  for (const bg of CHAT_BACKGROUNDS) {
    const { data, info } = await grey(small, bg.hex);
    const { width: w, height: h } = info;
    const bgLevel = bg.name === 'dark' ? 0x18 : 0xff;
    let edgeSum = 0;
    let edgeCount = 0;
    let contrastSum = 0;
    let visible = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = data[y * w + x] ?? 0;
        if ((alpha[y * w + x] ?? 0) > 32) {
          contrastSum += Math.abs(v - bgLevel);
          visible++;
        }
        if (x === 0 || y === 0 || x === w - 1 || y === h - 1) continue;
        const lap =
          4 * v -
          (data[y * w + x - 1] ?? 0) -
          (data[y * w + x + 1] ?? 0) -
          (data[(y - 1) * w + x] ?? 0) -
          (data[(y + 1) * w + x] ?? 0);
        edgeSum += Math.abs(lap);
        edgeCount++;
      }
    }
    const edges = edgeCount > 0 ? edgeSum / edgeCount : 0;
    const contrast = visible > 0 ? contrastSum / visible : 0;
    report.edges[bg.name] = Math.round(edges * 10) / 10;
    report.contrast[bg.name] = Math.round(contrast * 10) / 10;
    if (visible === 0) {
      report.warnings.push(`${label}: nothing is visible at this size.`);
      break;
    }
    if (contrast < MIN_CONTRAST)
      report.warnings.push(
        `${label}: low contrast on ${bg.name} chat (${report.contrast[bg.name].toFixed(1)}); add an outline or a lighter/darker colour.`,
      );
  }
  const weakest = Math.min(report.edges.dark, report.edges.light);
  if (weakest < MIN_EDGE_STRENGTH && report.warnings.length === 0)
    report.warnings.push(
      `${label}: soft at chat size (edge strength ${weakest.toFixed(1)}); use bolder shapes and thick outlines.`,
    );
  return report;
}
