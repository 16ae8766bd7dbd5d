/**
 * Turns a generated master image into one platform size with sharp: smart crop or pad with the
 * brand background, transparency cut for transparent types, the brand logo where the asset type
 * puts it, and the brief's text in a bundled font inside the safe area.
 */
import sharp from 'sharp';
import type { AssetSize, AssetTypeSpec, SafeArea } from '../../../shared/presets/asset-types';

/** Crops that lose more than this share of the master pad instead (nothing important is cut). */
const MAX_CROP_LOSS = 0.35;

export interface SizingStyle {
  /** #rrggbb behind padded or flattened images. */
  background: string;
  /** Text on the image; empty for none. */
  text: string;
  /** A bold TTF for the text. */
  fontFile: string;
  /** The family name inside `fontFile` (pango needs it). */
  fontFamily: string;
  /** The logo image for this asset type, or null. */
  logo: Buffer | null;
}

/** RGB of #rrggbb. */
export function rgbOf(hex: string): { r: number; g: number; b: number } {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/**
 * The master with its background made transparent: a flat background (all four corners alike)
 * is keyed out; otherwise emotes and badges get a rounded cut-out and overlays a frame whose
 * middle stays clear for gameplay.
 */
export async function cutOut(master: Buffer, spec: AssetTypeSpec): Promise<Buffer> {
  const image = sharp(master).ensureAlpha();
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = info;
  const at = (x: number, y: number) => (y * w + x) * channels;
  const corners = [at(0, 0), at(w - 1, 0), at(0, h - 1), at(w - 1, h - 1)];
  const ref = corners[0] ?? 0;
  const distance = (i: number, j: number) =>
    Math.abs((data[i] ?? 0) - (data[j] ?? 0)) +
    Math.abs((data[i + 1] ?? 0) - (data[j + 1] ?? 0)) +
    Math.abs((data[i + 2] ?? 0) - (data[j + 2] ?? 0));
  if (corners.every((c) => distance(c, ref) < 24)) {
    for (let i = 0; i < data.length; i += channels) {
      const d = distance(i, ref);
      // Soft edge: fully clear near the key colour, fading in over 40 levels.
      if (d < 60) data[i + 3] = Math.round(Math.max(0, (d - 20) / 40) * (data[i + 3] ?? 255));
    }
    return sharp(data, { raw: { width: w, height: h, channels } })
      .png()
      .toBuffer();
  }
  const mask =
    spec.id === 'overlay'
      ? frameMask(w, h, Math.round(Math.min(w, h) * 0.12))
      : roundedMask(w, h, Math.round(Math.min(w, h) * 0.22));
  return sharp(master)
    .ensureAlpha()
    .composite([{ input: Buffer.from(mask), blend: 'dest-in' }])
    .png()
    .toBuffer();
}

function roundedMask(w: number, h: number, r: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect x="0" y="0" width="${w}" height="${h}" rx="${r}" ry="${r}" fill="#fff"/></svg>`;
}

function frameMask(w: number, h: number, band: number): string {
  // even-odd: the outer rectangle minus the inner one.
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><path fill="#fff" fill-rule="evenodd" d="M0 0H${w}V${h}H0Z M${band} ${band}V${h - band}H${w - band}V${band}Z"/></svg>`;
}

/** Crop when little is lost, else pad: keeps the subject whole on very different shapes. */
export async function fitToSize(
  master: Buffer,
  size: AssetSize,
  spec: AssetTypeSpec,
  background: string,
): Promise<Buffer> {
  const meta = await sharp(master).metadata();
  const mw = meta.width;
  const mh = meta.height;
  const arMaster = mw / mh;
  const arTarget = size.width / size.height;
  const loss = 1 - Math.min(arMaster / arTarget, arTarget / arMaster);
  const pad = spec.transparent
    ? { r: 0, g: 0, b: 0, alpha: 0 }
    : { ...rgbOf(background), alpha: 1 };
  const pipeline = sharp(master).resize(size.width, size.height, {
    kernel: 'lanczos3',
    ...(loss <= MAX_CROP_LOSS
      ? { fit: 'cover', position: sharp.strategy.attention }
      : { fit: 'contain', background: pad }),
  });
  // Tiny sizes lose their edges to the resize; a light sharpen brings them back.
  if (Math.max(size.width, size.height) <= 56) pipeline.sharpen({ sigma: 0.6 });
  return pipeline.png().toBuffer();
}

/** The box inside the safe area, in pixels. */
export function safeBox(size: AssetSize, safe: SafeArea) {
  const left = Math.round(size.width * safe.left);
  const top = Math.round(size.height * safe.top);
  return {
    left,
    top,
    width: size.width - left - Math.round(size.width * safe.right),
    height: size.height - top - Math.round(size.height * safe.bottom),
  };
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text rendered to fit a box, in a colour; null when nothing would show. */
async function renderText(
  text: string,
  colour: string,
  box: { width: number; height: number },
  style: SizingStyle,
): Promise<Buffer | null> {
  if (box.width < 4 || box.height < 4) return null;
  return sharp({
    text: {
      text: `<span foreground="${colour}">${escapeMarkup(text)}</span>`,
      font: style.fontFamily,
      fontfile: style.fontFile,
      width: box.width,
      height: box.height,
      align: 'centre',
      rgba: true,
      wrap: 'word',
    },
  })
    .png()
    .toBuffer();
}

/** Logo and text on top of a sized image, inside the type's safe area. */
export async function decorate(
  image: Buffer,
  size: AssetSize,
  spec: AssetTypeSpec,
  style: SizingStyle,
): Promise<Buffer> {
  const layers: sharp.OverlayOptions[] = [];
  const box = safeBox(size, spec.safeArea);
  if (style.logo && spec.logo !== 'none') {
    const logoHeight = Math.max(8, Math.round(Math.min(size.width, size.height) * 0.14));
    const logo = await sharp(style.logo)
      .resize({ height: logoHeight, width: Math.round(box.width / 3), fit: 'inside' })
      .png()
      .toBuffer({ resolveWithObject: true });
    const { width: lw, height: lh } = logo.info;
    const x = spec.logo.endsWith('left')
      ? box.left
      : spec.logo.endsWith('right')
        ? box.left + box.width - lw
        : box.left + Math.round((box.width - lw) / 2);
    const y = spec.logo.startsWith('top') ? box.top : box.top + box.height - lh;
    layers.push({ input: logo.data, left: x, top: y });
  }
  if (style.text !== '') {
    // Emotes and badges use the whole safe box; larger assets the lower third of it.
    const small = Math.max(size.width, size.height) <= 128;
    const textBox = small
      ? box
      : {
          left: box.left,
          top: box.top + Math.round(box.height * 0.62),
          width: box.width,
          height: Math.round(box.height * 0.33),
        };
    const shadowOffset = Math.max(1, Math.round(Math.min(size.width, size.height) / 90));
    const [shadow, fill] = await Promise.all([
      renderText(style.text, '#000000', textBox, style),
      renderText(style.text, '#ffffff', textBox, style),
    ]);
    if (shadow && fill) {
      const blurred = await sharp(shadow)
        .blur(Math.max(0.3, shadowOffset / 2))
        .png()
        .toBuffer();
      const textMeta = await sharp(fill).metadata();
      const left = textBox.left + Math.round((textBox.width - textMeta.width) / 2);
      const top = textBox.top + Math.round((textBox.height - textMeta.height) / 2);
      layers.push({
        input: blurred,
        left: Math.max(0, Math.min(size.width - textMeta.width, left + shadowOffset)),
        top: Math.max(0, Math.min(size.height - textMeta.height, top + shadowOffset)),
      });
      layers.push({ input: fill, left: Math.max(0, left), top: Math.max(0, top) });
    }
  }
  if (layers.length === 0) return image;
  return sharp(image).composite(layers).png().toBuffer();
}
