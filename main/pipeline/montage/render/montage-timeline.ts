/**
 * An edited montage as a Timeline v1, so it renders through the same compiler, queue, presets
 * and hardware encoders as every other project.
 *
 * Cuts land on beats: moment lengths are snapped to the music's beat grid, then every cut is
 * rounded to the output's frame grid (from absolute times, so rounding never accumulates and
 * each cut is within half a frame of its beat).
 */
import type { MontageEdit, MontageLayout } from '../../../../shared/contract/montage.contract';
import { getPreset } from '../../../../shared/presets';
import type { TimelineInput } from '../../../../shared/timeline';
import { medianGap, nearestBeat, snapLengthsToBeats } from '../plan/beat-snap';

/** Colours and font of the title cards. */
export interface CardStyle {
  background: string;
  text: string;
  fontFamily: string;
}

export const DEFAULT_CARD_STYLE: CardStyle = {
  background: '#111111',
  text: '#FFFFFF',
  fontFamily: 'Noto Sans',
};

export interface MontageSources {
  /** Local file of a clip id. */
  clipPath(clipId: string): string;
  /** Seconds of a clip, so a snapped moment never reads past its end. */
  clipDurationS(clipId: string): number;
  musicPath: string | null;
  /** Beat times of the music (empty: no snapping). */
  beats: readonly number[];
  /** A still in the card's background colour. */
  cardImage: string | null;
  card: CardStyle;
}

export interface MontageTimeline {
  timeline: TimelineInput;
  layout: MontageLayout;
}

/** Music level under the clips, and how far it ducks under their peaks. */
const MUSIC_VOLUME = 0.6;
const DUCK_AMOUNT = 0.75;

export function montageTimeline(edit: MontageEdit, sources: MontageSources): MontageTimeline {
  const fps = getPreset(edit.preset).fps;
  const beats = edit.snapToBeats && sources.musicPath !== null ? [...sources.beats] : [];
  const snapping = beats.length >= 2;
  const period = snapping ? medianGap(beats) : 0;

  const hasCard = sources.cardImage !== null;
  let introEnd = hasCard && edit.intro ? edit.intro.durationS : 0;
  if (snapping && introEnd > 0) {
    introEnd = nearestBeat(introEnd, beats, period, introEnd * 0.5, introEnd * 2) ?? introEnd;
  }
  const lengths = snapping
    ? snapLengthsToBeats(
        edit.moments.map((m) => ({
          lengthS: m.endS - m.startS,
          maxS: Math.max(0.5, sources.clipDurationS(m.clipId) - m.startS),
        })),
        beats,
        introEnd,
      )
    : edit.moments.map((m) =>
        Math.min(m.endS - m.startS, Math.max(0.5, sources.clipDurationS(m.clipId) - m.startS)),
      );

  // Absolute boundaries, rounded to whole frames.
  const frame = (t: number) => Math.round(t * fps);
  const bounds: number[] = [frame(introEnd)];
  let t = introEnd;
  for (const length of lengths) {
    t += length;
    bounds.push(Math.max(frame(t), (bounds.at(-1) ?? 0) + 1));
  }
  const durationOf = (k: number) => ((bounds[k + 1] ?? 0) - (bounds[k] ?? 0)) / fps;

  const keepClipSound = edit.audio === 'duck' || sources.musicPath === null;
  const clips: NonNullable<TimelineInput['clips']> = [];
  const overlays: NonNullable<TimelineInput['overlays']> = [];
  const card = (text: string, start: number, duration: number) => {
    clips.push({ type: 'image', media: { path: sources.cardImage ?? '' }, duration });
    overlays.push({
      type: 'title',
      text,
      start,
      end: start + duration,
      position: 'center',
      fontFamily: sources.card.fontFamily,
      fontSize: 110,
      color: sources.card.text,
      background: '#00000000',
    });
  };
  if (hasCard && edit.intro && (bounds[0] ?? 0) > 0) {
    card(edit.intro.text, 0, (bounds[0] ?? 0) / fps);
  }
  edit.moments.forEach((m, k) => {
    clips.push({
      type: 'video',
      media: { path: sources.clipPath(m.clipId) },
      duration: durationOf(k),
      trimIn: m.startS,
      audio: { keep: keepClipSound, volume: 1 },
      fit: 'cover',
      focus: { x: edit.focus.x, y: edit.focus.y },
    });
  });
  let end = (bounds.at(-1) ?? 0) / fps;
  if (hasCard && edit.outro) {
    const duration = frame(edit.outro.durationS) / fps;
    card(edit.outro.text, end, duration);
    end += duration;
  }

  const timeline: TimelineInput = {
    version: 1,
    output: { preset: edit.preset },
    clips,
    overlays,
    audio: sources.musicPath
      ? {
          music: {
            media: { path: sources.musicPath },
            volume: MUSIC_VOLUME,
            ducking: { enabled: keepClipSound, amount: DUCK_AMOUNT },
            // No fade-in: the first beat should hit with the first cut.
            fadeIn: 0,
            fadeOut: Math.min(2, end / 4),
            loop: true,
          },
        }
      : {},
  };
  return {
    timeline,
    layout: {
      cuts: bounds.map((b) => b / fps),
      durationS: end,
      beats: snapping ? beats : [],
    },
  };
}
