/**
 * Timeline spec v1: everything a render needs, as data.
 *
 * A project in the library converts to a timeline; the CLI also reads one from a JSON file.
 * Times are seconds; sizes are pixels of the timeline's own resolution (captions and titles
 * scale with the output, so a proxy render looks like a small copy of the real one).
 * `z.toJSONSchema` of `Timeline` is shipped as `resources/timeline.schema.json`.
 */
import { z } from 'zod';
import { PresetId, X264Speed } from '../presets/presets';

export const TIMELINE_VERSION = 1;

/** A `#RRGGBB` or `#RRGGBBAA` colour (alpha 00 = transparent). */
export const Color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/, 'must be a colour like #RRGGBB or #RRGGBBAA');

/** A media file: by library id, or by local path (CLI, tests). */
export const MediaRef = z.union([
  z.object({ mediaId: z.string().min(1).max(200) }).strict(),
  z.object({ path: z.string().min(1).max(4096) }).strict(),
]);
export type MediaRef = z.infer<typeof MediaRef>;

const seconds = z
  .number()
  .nonnegative()
  .max(24 * 3600);
const positiveSeconds = z
  .number()
  .positive()
  .max(24 * 3600);
const unit = z.number().min(0).max(1);

/** xfade transitions offered by name (ffmpeg 5.1 has all of them). */
export const XFADE_TRANSITIONS = [
  'fade',
  'fadeblack',
  'fadewhite',
  'dissolve',
  'wipeleft',
  'wiperight',
  'wipeup',
  'wipedown',
  'slideleft',
  'slideright',
  'slideup',
  'slidedown',
  'smoothleft',
  'smoothright',
  'smoothup',
  'smoothdown',
  'circleopen',
  'circleclose',
  'radial',
  'pixelize',
  'zoomin',
] as const;
export const TransitionType = z.enum(['cut', ...XFADE_TRANSITIONS]);
export type TransitionType = z.infer<typeof TransitionType>;

export const Transition = z
  .object({
    type: TransitionType.default('cut'),
    /** Overlap with the next clip; ignored for `cut`. */
    duration: z.number().min(0.04).max(5).default(0.5),
  })
  .strict();

export const MOTIONS = [
  'none',
  'zoom-in',
  'zoom-out',
  'pan-left',
  'pan-right',
  'pan-up',
  'pan-down',
] as const;
export const Motion = z
  .object({
    type: z.enum(MOTIONS).default('none'),
    /** Zoom-in 0.15 ends at 115 %; pans travel over a frame zoomed by 1 + strength. */
    strength: z.number().min(0).max(1).default(0.15),
  })
  .strict();

export const Clip = z
  .object({
    type: z.enum(['image', 'video']),
    media: MediaRef,
    /** Time on screen, including the overlap of this clip's transition into the next. */
    duration: positiveSeconds,
    /** Video: where to start reading the source, and optionally where to stop (then the last frame holds). */
    trimIn: seconds.default(0),
    trimOut: positiveSeconds.optional(),
    /** Video playback speed (0.25–4). */
    speed: z.number().min(0.25).max(4).default(1),
    /** The clip's own sound (video only). */
    audio: z
      .object({ keep: z.boolean().default(false), volume: z.number().min(0).max(4).default(1) })
      .strict()
      .prefault({}),
    /** cover: fill and crop; contain: letterbox; blur: contain over a blurred, filled copy of itself. */
    fit: z.enum(['cover', 'contain', 'blur']).default('cover'),
    /** Which part of the picture cover-crops keep (0,0 = top left, 0.5,0.5 = centre). */
    focus: z
      .object({ x: unit.default(0.5), y: unit.default(0.5) })
      .strict()
      .prefault({}),
    motion: Motion.prefault({}),
    /** Transition into the next clip (ignored on the last). */
    transition: Transition.prefault({}),
  })
  .strict()
  .refine((c) => c.trimOut === undefined || c.trimOut > c.trimIn, {
    message: 'trimOut must be after trimIn',
    path: ['trimOut'],
  });
export type Clip = z.infer<typeof Clip>;

const Anchor = z.enum(['top', 'center', 'bottom']);

export const TitleOverlay = z
  .object({
    type: z.literal('title'),
    text: z.string().min(1).max(500),
    start: seconds,
    end: positiveSeconds,
    position: Anchor.default('center'),
    fontFamily: z.string().min(1).max(100).optional(),
    fontSize: z.number().min(8).max(400).default(96),
    color: Color.default('#FFFFFF'),
    /** Box behind the text; `#00000000` for none. */
    background: Color.default('#000000B0'),
  })
  .strict();

export const ImageOverlay = z
  .object({
    type: z.literal('image'),
    media: MediaRef,
    start: seconds,
    end: positiveSeconds,
    /** Centre of the logo as a fraction of the frame. */
    x: unit.default(0.85),
    y: unit.default(0.1),
    /** Width as a fraction of the frame width (height keeps the aspect ratio). */
    width: z.number().min(0.01).max(1).default(0.2),
    opacity: unit.default(1),
  })
  .strict();

export const Overlay = z
  .discriminatedUnion('type', [TitleOverlay, ImageOverlay])
  .refine((o) => o.end > o.start, { message: 'end must be after start', path: ['end'] });
export type Overlay = z.infer<typeof Overlay>;

export const CaptionWord = z
  .object({ text: z.string().min(1).max(200), start: seconds, end: seconds })
  .strict()
  .refine((w) => w.end >= w.start, { message: 'end must not be before start', path: ['end'] });
export type CaptionWord = z.infer<typeof CaptionWord>;

export const CaptionStyle = z
  .object({
    fontFamily: z.string().min(1).max(100).default('Noto Sans'),
    fontSize: z.number().min(8).max(400).default(72),
    bold: z.boolean().default(true),
    fill: Color.default('#FFFFFF'),
    outline: Color.default('#000000'),
    outlineWidth: z.number().min(0).max(30).default(5),
    shadow: z.number().min(0).max(30).default(0),
    position: Anchor.default('bottom'),
    /** Distance from the frame edge, as a fraction of the height (keeps clear of platform UI). */
    safeArea: z.number().min(0).max(0.45).default(0.25),
    maxWordsPerLine: z.number().int().min(1).max(20).default(4),
    highlight: z.enum(['none', 'karaoke', 'pop']).default('karaoke'),
    highlightColor: Color.default('#FFE14D'),
  })
  .strict();
export type CaptionStyle = z.infer<typeof CaptionStyle>;

export const Captions = z
  .object({ words: z.array(CaptionWord).max(20_000), style: CaptionStyle.prefault({}) })
  .strict();
export type Captions = z.infer<typeof Captions>;

export const VoiceTrack = z
  .object({
    media: MediaRef,
    start: seconds.default(0),
    volume: z.number().min(0).max(4).default(1),
  })
  .strict();

export const Music = z
  .object({
    media: MediaRef,
    volume: z.number().min(0).max(4).default(0.5),
    /** Lower the music while the voice speaks (sidechain compression). */
    ducking: z
      .object({
        enabled: z.boolean().default(true),
        /** How hard to duck, 0 (barely) – 1 (almost silent). */
        amount: unit.default(0.6),
      })
      .strict()
      .prefault({}),
    fadeIn: seconds.max(30).default(1),
    fadeOut: seconds.max(30).default(2),
    /** Repeat the music when it is shorter than the video. */
    loop: z.boolean().default(true),
  })
  .strict();

export const Timeline = z
  .object({
    version: z.literal(TIMELINE_VERSION),
    output: z
      .object({
        preset: PresetId.default('tiktok'),
        /** Override the preset's size and frame rate. */
        width: z.number().int().min(64).max(4096).multipleOf(2).optional(),
        height: z.number().int().min(64).max(4096).multipleOf(2).optional(),
        fps: z.number().min(1).max(60).optional(),
      })
      .strict()
      .prefault({}),
    encoder: z
      .object({
        /** x264 speed; default the preset's. */
        speed: X264Speed.optional(),
        crf: z.number().min(0).max(51).optional(),
        audioBitrateKbps: z.number().int().min(32).max(512).optional(),
        /** May a hardware H.264 encoder be used (when one works here and Settings allow it)? */
        hardware: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    clips: z.array(Clip).min(1).max(2000),
    overlays: z.array(Overlay).max(500).default([]),
    captions: Captions.optional(),
    audio: z
      .object({ voice: z.array(VoiceTrack).max(50).default([]), music: Music.optional() })
      .strict()
      .prefault({}),
    loudness: z
      .object({
        /** Integrated loudness target, LUFS (−14 suits TikTok, Shorts, Reels, YouTube). */
        target: z.number().min(-40).max(-5).default(-14),
        truePeak: z.number().min(-9).max(0).default(-1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** A timeline as written by people and tools (defaults not yet applied). */
export type TimelineInput = z.input<typeof Timeline>;
/** A parsed timeline, defaults applied. */
export type Timeline = z.output<typeof Timeline>;
