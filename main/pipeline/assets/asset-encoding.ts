/**
 * Encodes one sized image in the platform's format within its byte limit (re-encoding with fewer
 * colours or lower quality until it fits), then checks the encoded bytes against every rule by
 * reading them back — what is exported is what was checked.
 */
import sharp from 'sharp';
import type { ExportedAsset } from '../../../shared/contract/assets.contract';
import { AppError } from '../../../shared/errors';
import {
  assetFileName,
  formatBytesLimit,
  type AssetSize,
  type AssetTypeSpec,
} from '../../../shared/presets/asset-types';
import { rgbOf } from './asset-sizing';

/** Encoder settings tried in order until the file fits the byte limit. */
const PNG_STEPS = [null, 256, 128, 64, 32, 16] as const;
const JPG_QUALITIES = [90, 82, 74, 66, 58, 50, 42] as const;

function encodeOnce(
  image: Buffer,
  spec: AssetTypeSpec,
  background: string,
  step: number | null,
): Promise<Buffer> {
  const base = sharp(image);
  if (spec.format === 'jpg') {
    return base
      .flatten({ background: rgbOf(background) })
      .jpeg({ quality: step ?? 90, mozjpeg: true, chromaSubsampling: '4:2:0' })
      .toBuffer();
  }
  const shaped = spec.transparent
    ? base.ensureAlpha()
    : base.flatten({ background: rgbOf(background) });
  return shaped
    .png({
      compressionLevel: 9,
      adaptiveFiltering: true,
      ...(step !== null && { palette: true, colours: step, dither: 0.8 }),
    })
    .toBuffer();
}

/** The smallest acceptable encoding: the first of the steps that fits; TOO_LARGE when none does. */
export async function encodeWithinLimit(
  image: Buffer,
  size: AssetSize,
  spec: AssetTypeSpec,
  background: string,
): Promise<Buffer> {
  const steps: readonly (number | null)[] = spec.format === 'jpg' ? JPG_QUALITIES : PNG_STEPS;
  let smallest = Number.POSITIVE_INFINITY;
  for (const step of steps) {
    const encoded = await encodeOnce(image, spec, background, step);
    if (encoded.length <= spec.maxBytes) return encoded;
    smallest = Math.min(smallest, encoded.length);
  }
  throw new AppError(
    'TOO_LARGE',
    `${assetFileName(spec.id, size)} is ${String(smallest)} bytes at its smallest; ${spec.label} allows ${formatBytesLimit(spec.maxBytes)}. Choose a simpler variant.`,
    { details: { bytes: smallest, maxBytes: spec.maxBytes } },
  );
}

/** Whether any pixel is less than fully opaque. */
async function usesTransparency(encoded: Buffer): Promise<boolean> {
  const stats = await sharp(encoded).stats();
  return !stats.isOpaque;
}

/**
 * Reads an encoded file back and checks it against the platform rules: size, format,
 * transparency and byte limit. Returns what it read; UNPROCESSABLE names the broken rule.
 */
export async function validateAsset(
  encoded: Buffer,
  size: AssetSize,
  spec: AssetTypeSpec,
): Promise<ExportedAsset> {
  const name = assetFileName(spec.id, size);
  const meta = await sharp(encoded).metadata();
  const format = meta.format === 'jpeg' ? 'jpg' : meta.format;
  const problems: string[] = [];
  if (meta.width !== size.width || meta.height !== size.height)
    problems.push(
      `is ${String(meta.width)}×${String(meta.height)}, needs ${String(size.width)}×${String(size.height)}`,
    );
  if (format !== spec.format) problems.push(`is ${format}, needs ${spec.format}`);
  if (encoded.length > spec.maxBytes)
    problems.push(`is ${String(encoded.length)} bytes, limit ${formatBytesLimit(spec.maxBytes)}`);
  const hasAlpha = meta.hasAlpha;
  if (spec.transparent && !hasAlpha) problems.push('has no transparency channel');
  if (problems.length > 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `${name} breaks the ${spec.label} rules: it ${problems.join('; ')}.`,
      {
        details: { name, problems },
      },
    );
  }
  return {
    name,
    width: size.width,
    height: size.height,
    format: spec.format,
    bytes: encoded.length,
    transparent: hasAlpha && (await usesTransparency(encoded)),
  };
}
