/**
 * The audio half of the filtergraph: clips' own sound and voice tracks placed on the timeline,
 * music faded and ducked under speech by a sidechain compressor, then loudness-normalised to
 * the platform target (EBU R128 integrated loudness, true-peak limited).
 */
import type { Timeline } from '../../../shared/timeline';
import { placeClips } from '../../../shared/timeline';
import { num } from './filter-escape';

export interface AudioSources {
  /** Input index of each clip whose own sound is kept (clips without sound are absent). */
  clipInputs: ReadonlyMap<number, number>;
  /** Input index of each voice track, in order. */
  voiceInputs: readonly number[];
  /** Input index of the music, if any. */
  musicInput: number | null;
}

const FORMAT = 'aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo';

/** Decibels kept below the true-peak target for what AAC encoding adds to peaks. */
export const CODEC_HEADROOM_DB = 1.5;

/** How far the music goes down under the voice at ducking amount 1, dB. */
export const DUCKING_MAX_DB = 30;
/** Speech quieter than this (dBFS) is taken for room noise and ducks nothing. */
export const DUCKING_GATE_DB = -52;
const DUCKING_KEY_DB = -6;
const DUCKING_THRESHOLD = 10 ** (-40 / 20);

/**
 * The sidechain key: speech above the gate raised by 46 dB and limited to −6 dBFS, so the key
 * sits at the same level whether the voice was recorded at −40 or −6 dBFS and the depth of the
 * ducking depends on the amount only, not on how loud the voice is.
 */
const DUCKING_KEY = [
  `agate=threshold=${num(10 ** (DUCKING_GATE_DB / 20), 5)}:range=0.001:ratio=9000:attack=2:release=120`,
  'volume=46dB',
  `alimiter=limit=${num(10 ** (DUCKING_KEY_DB / 20), 4)}:attack=2:release=60:level=false`,
].join(',');

/**
 * The compressor ratio that takes the music down by `amount × DUCKING_MAX_DB` while the levelled
 * key (`DUCKING_KEY_DB`) sits above the threshold: reduction = over × (1 − 1/ratio).
 */
export function duckingRatio(amount: number): number {
  const over = DUCKING_KEY_DB - 20 * Math.log10(DUCKING_THRESHOLD);
  const depth = Math.min(over * 0.95, Math.max(0, amount) * DUCKING_MAX_DB);
  return Math.min(20, Math.max(1, over / (over - depth)));
}

/** atempo takes 0.5–2 per instance in older ffmpeg: chain as many as the speed needs. */
function tempoChain(speed: number): string[] {
  const parts: string[] = [];
  let rest = speed;
  while (rest > 2) {
    parts.push('atempo=2');
    rest /= 2;
  }
  while (rest < 0.5) {
    parts.push('atempo=0.5');
    rest /= 0.5;
  }
  if (Math.abs(rest - 1) > 1e-6) parts.push(`atempo=${num(rest)}`);
  return parts;
}

/**
 * Statements producing `[<output>]`, stereo 48 kHz, exactly `total` seconds long.
 *
 * `preview`: a proxy only needs to sound right, not to measure right: a peak limiter replaces
 * loudnorm, whose 192 kHz true-peak analysis is a large share of a proxy's CPU.
 */
export function audioStatements(
  timeline: Timeline,
  sources: AudioSources,
  total: number,
  output: string,
  preview = false,
): string[] {
  const statements: string[] = [];
  const speech: string[] = [];
  const placements = placeClips(timeline.clips);
  timeline.clips.forEach((clip, k) => {
    const input = sources.clipInputs.get(k);
    const placement = placements[k];
    if (input === undefined || !placement) return;
    const fadeIn = k > 0 ? (placements[k - 1]?.overlapOut ?? 0) : 0;
    const fadeOut = placement.overlapOut;
    const chain = [
      'asetpts=PTS-STARTPTS',
      ...tempoChain(clip.speed),
      FORMAT,
      `volume=${num(clip.audio.volume)}`,
      ...(fadeIn > 0 ? [`afade=t=in:d=${num(fadeIn)}`] : []),
      ...(fadeOut > 0 ? [`afade=t=out:st=${num(clip.duration - fadeOut)}:d=${num(fadeOut)}`] : []),
      `apad=whole_dur=${num(clip.duration)}`,
      `atrim=duration=${num(clip.duration)}`,
      `adelay=${Math.round(placement.start * 1000)}:all=1`,
    ];
    statements.push(`[${input}:a]${chain.join(',')}[ca${k}]`);
    speech.push(`ca${k}`);
  });
  timeline.audio.voice.forEach((voice, k) => {
    const input = sources.voiceInputs[k];
    if (input === undefined) return;
    statements.push(
      `[${input}:a]${FORMAT},volume=${num(voice.volume)},adelay=${Math.round(voice.start * 1000)}:all=1[vo${k}]`,
    );
    speech.push(`vo${k}`);
  });
  let speechBus: string | null = null;
  if (speech.length === 1) speechBus = speech[0] ?? null;
  else if (speech.length > 1) {
    statements.push(
      `${speech.map((s) => `[${s}]`).join('')}amix=inputs=${speech.length}:normalize=0:duration=longest[speech]`,
    );
    speechBus = 'speech';
  }
  let musicBus: string | null = null;
  const music = timeline.audio.music;
  if (music && sources.musicInput !== null) {
    const fadeOut = Math.min(music.fadeOut, total);
    statements.push(
      `[${sources.musicInput}:a]${FORMAT},atrim=duration=${num(total)},volume=${num(music.volume)}` +
        (music.fadeIn > 0 ? `,afade=t=in:d=${num(music.fadeIn)}` : '') +
        (fadeOut > 0 ? `,afade=t=out:st=${num(total - fadeOut)}:d=${num(fadeOut)}` : '') +
        '[music]',
    );
    musicBus = 'music';
    if (speechBus && music.ducking.enabled && music.ducking.amount > 0) {
      // The compressor stops at the end of its shorter input: the key is padded with silence
      // to the whole length, or the music would end with the last word. The key (never the
      // voice heard) is levelled, so a whisper ducks as deeply as a shout.
      statements.push(`[${speechBus}]asplit=2[speechmix][speechkey]`);
      statements.push(`[speechkey]apad=whole_dur=${num(total)},${DUCKING_KEY}[speechpad]`);
      statements.push(
        `[music][speechpad]sidechaincompress=threshold=${num(DUCKING_THRESHOLD, 4)}:` +
          `ratio=${num(duckingRatio(music.ducking.amount), 3)}:knee=1:detection=peak:` +
          `attack=20:release=350[ducked]`,
      );
      speechBus = 'speechmix';
      musicBus = 'ducked';
    }
  }
  const buses = [speechBus, musicBus].filter((b): b is string => b !== null);
  if (buses.length === 0) {
    statements.push(`anullsrc=r=48000:cl=stereo,atrim=duration=${num(total)}[${output}]`);
    return statements;
  }
  const mixed =
    buses.length === 1
      ? `[${buses[0] ?? ''}]`
      : `${buses.map((b) => `[${b}]`).join('')}amix=inputs=${buses.length}:normalize=0:duration=longest,`;
  const { target, truePeak } = timeline.loudness;
  // loudnorm's own limiter lets true peaks through by up to about a dB, and AAC encoding adds
  // more on transients (measured up to 1.2 dB): limit to the target less that headroom, on
  // loudnorm's 192 kHz output (four times oversampled, so sample peaks ≈ true peaks).
  const ceiling = truePeak - CODEC_HEADROOM_DB;
  const finish = preview
    ? `alimiter=limit=${num(10 ** (truePeak / 20), 4)}`
    : `loudnorm=I=${num(target)}:TP=${num(ceiling)}:LRA=11,` +
      `aformat=sample_rates=192000:channel_layouts=stereo,` +
      `alimiter=limit=${num(10 ** (ceiling / 20), 4)}:level=false,aresample=48000`;
  statements.push(
    `${mixed}atrim=duration=${num(total)},apad=whole_dur=${num(total)},${finish},${FORMAT}[${output}]`,
  );
  return statements;
}
