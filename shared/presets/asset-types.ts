/**
 * Channel asset types and the platform rules each output must meet: one table, used by the
 * contract, the asset pipeline (sizing, validation), the coach (grounding) and the UI.
 *
 * Limits follow the platforms' upload pages at the time of writing (Twitch emotes/badges/panels/
 * banners, YouTube custom thumbnails, Instagram/TikTok story specs); where a platform states no
 * byte limit the value is a conservative cap well under what its uploader accepts.
 */
import { z } from 'zod';

export const ASSET_TYPE_IDS = [
  'twitch_emote',
  'twitch_badge',
  'twitch_panel',
  'twitch_banner',
  'twitch_offline',
  'youtube_thumbnail',
  'overlay',
  'story_graphic',
  'tiktok_story',
  'instagram_story',
  'instagram_reel',
] as const;
export const AssetTypeId = z.enum(ASSET_TYPE_IDS);
export type AssetTypeId = z.infer<typeof AssetTypeId>;

export type AssetFormat = 'png' | 'jpg';

/** Where a brand logo goes on this asset type; `none` for assets too small to carry one. */
export type LogoPlacement =
  'none' | 'top-left' | 'top-right' | 'top-center' | 'bottom-left' | 'bottom-right';

/** Margins (fractions of width/height) the platform covers with its own UI or crops away. */
export interface SafeArea {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface AssetSize {
  readonly width: number;
  readonly height: number;
}

export interface AssetTypeSpec {
  readonly id: AssetTypeId;
  readonly label: string;
  readonly platform: 'Twitch' | 'YouTube' | 'TikTok' | 'Instagram' | 'Any';
  /** Every size the platform needs, largest first; exported as `<type>_<W>x<H>.<format>`. */
  readonly sizes: readonly AssetSize[];
  readonly format: AssetFormat;
  /** Upload limit per file, in bytes. */
  readonly maxBytes: number;
  /** Whether the background must stay transparent (PNG with alpha). */
  readonly transparent: boolean;
  readonly safeArea: SafeArea;
  readonly logo: LogoPlacement;
  /** Which brand logo suits the shape: the icon on small squares, the wordmark on wide ones. */
  readonly logoType: 'primary' | 'icon' | 'wordmark';
  /** Shown under the type picker. */
  readonly notes: string;
}

const KB = 1000;
const MB = 1000 * 1000;
const square = (...sides: number[]): AssetSize[] => sides.map((s) => ({ width: s, height: s }));
const none: SafeArea = { top: 0, right: 0, bottom: 0, left: 0 };
const margin = (m: number): SafeArea => ({ top: m, right: m, bottom: m, left: m });
/** Vertical 9:16 screens: the top carries the account row, the bottom the caption and buttons. */
const storySafe: SafeArea = { top: 0.13, right: 0.06, bottom: 0.2, left: 0.06 };
const vertical: AssetSize[] = [{ width: 1080, height: 1920 }];

export const ASSET_TYPES: Readonly<Record<AssetTypeId, AssetTypeSpec>> = {
  twitch_emote: {
    id: 'twitch_emote',
    label: 'Twitch emote',
    platform: 'Twitch',
    sizes: square(112, 56, 28),
    format: 'png',
    maxBytes: 1 * MB,
    transparent: true,
    safeArea: margin(0.04),
    logo: 'none',
    logoType: 'icon',
    notes: 'Must read at 28 px in chat: one bold subject, thick outlines, little or no text.',
  },
  twitch_badge: {
    id: 'twitch_badge',
    label: 'Twitch sub badge',
    platform: 'Twitch',
    sizes: square(72, 36, 18),
    format: 'png',
    maxBytes: 25 * KB,
    transparent: true,
    safeArea: margin(0.04),
    logo: 'none',
    logoType: 'icon',
    notes: 'Shown at 18 px beside names: a simple silhouette, no text.',
  },
  twitch_panel: {
    id: 'twitch_panel',
    label: 'Twitch panel',
    platform: 'Twitch',
    sizes: [{ width: 320, height: 160 }],
    format: 'png',
    maxBytes: 2.9 * MB,
    transparent: false,
    safeArea: margin(0.05),
    logo: 'top-left',
    logoType: 'icon',
    notes: 'Header for an About-section panel: one or two words of text.',
  },
  twitch_banner: {
    id: 'twitch_banner',
    label: 'Twitch profile banner',
    platform: 'Twitch',
    sizes: [{ width: 1200, height: 480 }],
    format: 'png',
    maxBytes: 10 * MB,
    transparent: false,
    // The channel name and avatar cover the lower left on the profile page.
    safeArea: { top: 0.08, right: 0.05, bottom: 0.25, left: 0.3 },
    logo: 'top-right',
    logoType: 'wordmark',
    notes: 'Wide header of the profile page; keep text right of the avatar.',
  },
  twitch_offline: {
    id: 'twitch_offline',
    label: 'Twitch offline screen',
    platform: 'Twitch',
    sizes: [{ width: 1920, height: 1080 }],
    format: 'jpg',
    maxBytes: 10 * MB,
    transparent: false,
    safeArea: margin(0.05),
    logo: 'top-left',
    logoType: 'primary',
    notes: 'Shown in the player while offline: schedule or a "back soon" line.',
  },
  youtube_thumbnail: {
    id: 'youtube_thumbnail',
    label: 'YouTube thumbnail',
    platform: 'YouTube',
    sizes: [{ width: 1280, height: 720 }],
    format: 'jpg',
    maxBytes: 2 * MB,
    transparent: false,
    // The duration badge covers the lower right corner.
    safeArea: { top: 0.05, right: 0.16, bottom: 0.14, left: 0.05 },
    logo: 'bottom-left',
    logoType: 'icon',
    notes: 'Big face or object, three words at most, readable at phone size.',
  },
  overlay: {
    id: 'overlay',
    label: 'Stream overlay',
    platform: 'Any',
    sizes: [{ width: 1920, height: 1080 }],
    format: 'png',
    maxBytes: 10 * MB,
    transparent: true,
    safeArea: none,
    logo: 'top-right',
    logoType: 'wordmark',
    notes: 'Transparent frame over the stream; keep the middle clear for gameplay.',
  },
  story_graphic: {
    id: 'story_graphic',
    label: 'Story graphic',
    platform: 'Any',
    sizes: vertical,
    format: 'png',
    maxBytes: 10 * MB,
    transparent: false,
    safeArea: storySafe,
    logo: 'top-center',
    logoType: 'primary',
    notes: 'Generic 9:16 graphic for any story format.',
  },
  tiktok_story: {
    id: 'tiktok_story',
    label: 'TikTok story',
    platform: 'TikTok',
    sizes: vertical,
    format: 'png',
    maxBytes: 10 * MB,
    transparent: false,
    // The action buttons run down the right side.
    safeArea: { top: 0.13, right: 0.15, bottom: 0.2, left: 0.06 },
    logo: 'top-center',
    logoType: 'primary',
    notes: 'Keep text clear of the right-hand buttons and the bottom caption.',
  },
  instagram_story: {
    id: 'instagram_story',
    label: 'Instagram story',
    platform: 'Instagram',
    sizes: vertical,
    format: 'png',
    maxBytes: 30 * MB,
    transparent: false,
    safeArea: storySafe,
    logo: 'top-center',
    logoType: 'primary',
    notes: 'The top 250 px and bottom 340 px hold the profile row and reply box.',
  },
  instagram_reel: {
    id: 'instagram_reel',
    label: 'Instagram reel cover',
    platform: 'Instagram',
    sizes: vertical,
    format: 'jpg',
    maxBytes: 8 * MB,
    transparent: false,
    // The grid shows the reel cover cropped to its middle 3:4 (1080×1440).
    safeArea: { top: 0.125, right: 0.05, bottom: 0.2, left: 0.05 },
    logo: 'top-center',
    logoType: 'primary',
    notes: 'Cover image of a reel; the profile grid crops it to the middle.',
  },
};

/** The spec of one asset type. */
export function assetType(id: AssetTypeId): AssetTypeSpec {
  return ASSET_TYPES[id];
}

/** `twitch_emote_112x112.png`: the file name of one exported size. */
export function assetFileName(id: AssetTypeId, size: AssetSize): string {
  return `${id}_${String(size.width)}x${String(size.height)}.${ASSET_TYPES[id].format}`;
}

/** "1 MB", "25 KB": a byte limit as the platform writes it. */
export function formatBytesLimit(bytes: number): string {
  return bytes >= MB ? `${String(bytes / MB)} MB` : `${String(bytes / KB)} KB`;
}
