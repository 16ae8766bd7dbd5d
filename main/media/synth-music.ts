/**
 * Music the app makes itself, so a creator always has a bed of known licence: a few recipes
 * (chord pads, arpeggios, a beat of noise bursts) written as ffmpeg `aevalsrc` expressions.
 *
 * One loop of each recipe is synthesised (the expensive part: the expression runs per sample)
 * and repeated with `aloop`, so a track is seamless when the render loops it again. A track is
 * made on first use, imported into the media store (source `generated`) and remembered by the
 * hash of its recipe, so choosing it again costs nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Media } from '../../shared/contract/media.contract';
import { runTool } from './run-tool';

/** Bump when the synthesis itself changes, so cached tracks are made again. */
const SYNTH_VERSION = 1;
/** Rate of the expression; the file is resampled to 44.1 kHz stereo. */
const SYNTH_RATE = 24_000;

export interface MusicRecipe {
  id: string;
  name: string;
  description: string;
  bpm: number;
  /** One chord per bar, MIDI note numbers. */
  chords: number[][];
  /** How the chord is played. */
  voice: 'pad' | 'arpeggio' | 'pluck';
  /** Bass note (chord root an octave or two down) on every beat. */
  bass: boolean;
  /** Kick on the beat, hat on the off-beat, snare on 2 and 4. */
  drums: 'none' | 'soft' | 'full';
  /** How many times one loop repeats in the file. */
  loops: number;
}

/** The app's tracks: original, made here, free to use. */
export const MUSIC_RECIPES: readonly MusicRecipe[] = [
  {
    id: 'calm-pads',
    name: 'Calm pads',
    description: 'Slow warm chords (C–G–Am–F), 70 BPM. For stories and explainers.',
    bpm: 70,
    chords: [
      [60, 64, 67, 72],
      [59, 62, 67, 71],
      [57, 60, 64, 69],
      [57, 60, 65, 69],
    ],
    voice: 'pad',
    bass: true,
    drums: 'none',
    loops: 4,
  },
  {
    id: 'bright-arpeggio',
    name: 'Bright arpeggio',
    description: 'Rising eighth-note arpeggios (Am–F–C–G) over a soft pulse, 100 BPM.',
    bpm: 100,
    chords: [
      [57, 60, 64, 69],
      [53, 57, 60, 65],
      [55, 60, 64, 67],
      [55, 59, 62, 67],
    ],
    voice: 'arpeggio',
    bass: true,
    drums: 'soft',
    loops: 5,
  },
  {
    id: 'lofi-beat',
    name: 'Lo-fi beat',
    description: 'Kick, snare and hats with mellow plucked chords (Dm7–G7–Cmaj7–Am7), 84 BPM.',
    bpm: 84,
    chords: [
      [62, 65, 69, 72],
      [59, 62, 65, 67],
      [60, 64, 67, 71],
      [57, 60, 64, 67],
    ],
    voice: 'pluck',
    bass: true,
    drums: 'full',
    loops: 4,
  },
  {
    id: 'upbeat-pulse',
    name: 'Upbeat pulse',
    description: 'Four-on-the-floor beat with quick arpeggios (C–Am–F–G), 120 BPM.',
    bpm: 120,
    chords: [
      [60, 64, 67, 72],
      [57, 60, 64, 69],
      [53, 57, 60, 65],
      [55, 59, 62, 67],
    ],
    voice: 'arpeggio',
    bass: true,
    drums: 'full',
    loops: 6,
  },
];

const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);
const num = (n: number) => (Math.round(n * 10_000) / 10_000).toString();

/** `a` when x is in [from, to), nested so only one branch is evaluated per sample. */
function piecewise(x: string, step: number, values: readonly string[]): string {
  let expr = values[values.length - 1] ?? '0';
  for (let i = values.length - 2; i >= 0; i--) {
    expr = `if(lt(${x},${num(step * (i + 1))}),${values[i] ?? '0'},${expr})`;
  }
  return expr;
}

/** Seconds of one loop: four beats per chord. */
export function loopSeconds(recipe: MusicRecipe): number {
  return (recipe.chords.length * 4 * 60) / recipe.bpm;
}

/**
 * The `aevalsrc` expression of one loop (t runs from 0 to the loop length).
 *
 * Each part is a sine (with a touch of its octave for warmth) under an envelope that starts at
 * zero, so the jumps of frequency between notes never click.
 */
export function recipeExpression(recipe: MusicRecipe): string {
  const beat = 60 / recipe.bpm;
  const bar = beat * 4;
  const tone = (f: string, x: string) =>
    `(sin(2*PI*${f}*${x})+0.25*sin(4*PI*${f}*${x})+0.08*sin(6*PI*${f}*${x}))`;
  const parts: string[] = [];
  // x = time inside the bar; chord frequencies chosen by the bar.
  const inBar = `mod(t,${num(bar)})`;
  if (recipe.voice === 'pad') {
    const chord = recipe.chords.map((notes) =>
      notes.map((n) => `sin(2*PI*${num(hz(n))}*t)+0.2*sin(4*PI*${num(hz(n))}*t)`).join('+'),
    );
    const env = `(1-exp(-${inBar}*3))*(0.55+0.45*exp(-${inBar}*0.8))*(1-exp(-(${num(bar)}-${inBar})*12))`;
    parts.push(`0.06*${env}*(${piecewise('t', bar, chord)})`);
  } else {
    const perBeat = recipe.voice === 'arpeggio' ? 2 : 1;
    const step = beat / perBeat;
    const order = recipe.voice === 'arpeggio' ? [0, 1, 2, 3, 2, 1, 2, 3] : [0, 0, 0, 0];
    const freqs = recipe.chords.flatMap((notes) =>
      order.slice(0, 4 * perBeat).map((k) => num(hz((notes[k % notes.length] ?? 60) + 12))),
    );
    const x = `mod(t,${num(step)})`;
    if (recipe.voice === 'arpeggio') {
      parts.push(`0.16*(1-exp(-${x}*300))*exp(-${x}*7)*${tone(piecewise('t', step, freqs), x)}`);
    } else {
      // Pluck: the whole chord struck on each beat, a quick decay.
      const chord = recipe.chords.map((notes) =>
        notes.map((n) => `sin(2*PI*${num(hz(n))}*${x})`).join('+'),
      );
      parts.push(`0.07*(1-exp(-${x}*200))*exp(-${x}*3.5)*(${piecewise('t', bar, chord)})`);
    }
    // A quiet held chord under the notes.
    const pad = recipe.chords.map((notes) =>
      notes
        .slice(0, 3)
        .map((n) => `sin(2*PI*${num(hz(n))}*t)`)
        .join('+'),
    );
    parts.push(
      `0.025*(1-exp(-${inBar}*4))*(1-exp(-(${num(bar)}-${inBar})*12))*(${piecewise('t', bar, pad)})`,
    );
  }
  if (recipe.bass) {
    const roots = recipe.chords.map((notes) => num(hz((notes[0] ?? 60) - 24)));
    const x = `mod(t,${num(beat)})`;
    parts.push(
      `0.22*(1-exp(-${x}*150))*exp(-${x}*2.5)*sin(2*PI*${piecewise('t', bar, roots)}*${x})`,
    );
  }
  if (recipe.drums !== 'none') {
    const k = `mod(t,${num(beat)})`;
    // Kick: a sine falling from ~150 Hz to 50 Hz.
    parts.push(`0.5*exp(-${k}*9)*sin(2*PI*(50*${k}+3.3*(1-exp(-${k}*30))))`);
    const h = `mod(t+${num(beat / 2)},${num(beat)})`;
    const hat = recipe.drums === 'full' ? 0.07 : 0.04;
    parts.push(`${num(hat)}*exp(-${h}*70)*(2*random(0)-1)`);
    if (recipe.drums === 'full') {
      const s = `mod(t+${num(beat)},${num(beat * 2)})`;
      parts.push(`exp(-${s}*18)*(0.16*(2*random(1)-1)+0.12*sin(2*PI*190*${s}))`);
    }
  }
  return parts.join('+');
}

/** A stable hash of everything that decides a track's sound. */
export function recipeHash(recipe: MusicRecipe): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: SYNTH_VERSION, rate: SYNTH_RATE, recipe }))
    .digest('hex');
}

/** ffmpeg arguments writing the track as AAC in an `.m4a` file. */
export function synthArgs(recipe: MusicRecipe, out: string): string[] {
  const loop = loopSeconds(recipe);
  const samples = Math.round(loop * SYNTH_RATE);
  const source = `aevalsrc=exprs='${recipeExpression(recipe)}':s=${String(SYNTH_RATE)}:d=${num(samples / SYNTH_RATE)}`;
  const chain = [
    source,
    `aloop=loop=${String(recipe.loops - 1)}:size=${String(samples)}`,
    'lowpass=f=7000',
    'alimiter=limit=0.7',
    'aresample=44100',
    // A little width: the right channel 12 ms behind, softly.
    'aformat=channel_layouts=mono',
    'asplit[l][r]',
  ].join(',');
  const graph = `${chain};[r]adelay=12[rd];[l][rd]join=inputs=2:channel_layout=stereo[out]`;
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-filter_complex',
    graph,
    '-map',
    '[out]',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-map_metadata',
    '-1',
    '-fflags',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    '-brand',
    'M4A ',
    '-f',
    'mp4',
    out,
  ];
}

/** What the synthesiser needs of the media store. */
export interface SynthMediaStore {
  importFile(
    source: { path: string; name: string },
    options: { source: 'generated'; provenance: Media['provenance'] },
  ): Promise<{ media: Media }>;
  bySha(sha256: string): Media | null;
}

/** Makes (once) and returns the app's music tracks as media. */
export class MusicSynth {
  private readonly pending = new Map<string, Promise<Media>>();

  constructor(
    private readonly media: SynthMediaStore,
    private readonly ffmpeg: () => Promise<string>,
    /** Where the recipe hash → sha256 notes live. */
    private readonly cacheDir: string,
  ) {}

  /** The tracks on offer. */
  tracks() {
    return MUSIC_RECIPES.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      durationMs: Math.round(loopSeconds(r) * r.loops * 1000),
    }));
  }

  /** The medium of a track, synthesised on first use. */
  async track(id: string): Promise<Media> {
    const recipe = MUSIC_RECIPES.find((r) => r.id === id);
    if (!recipe) {
      throw new AppError(
        'NOT_FOUND',
        `There is no built-in track "${id}": choose one of ${MUSIC_RECIPES.map((r) => r.name).join(', ')}.`,
      );
    }
    const hash = recipeHash(recipe);
    const known = this.cached(hash);
    if (known) return known;
    let job = this.pending.get(hash);
    if (!job) {
      job = this.make(recipe, hash).finally(() => this.pending.delete(hash));
      this.pending.set(hash, job);
    }
    return job;
  }

  private note(hash: string) {
    return path.join(this.cacheDir, `${hash}.sha256`);
  }

  private cached(hash: string): Media | null {
    let sha: string;
    try {
      sha = fs.readFileSync(this.note(hash), 'utf8').trim();
    } catch {
      return null;
    }
    return /^[0-9a-f]{64}$/.test(sha) ? this.media.bySha(sha) : null;
  }

  private async make(recipe: MusicRecipe, hash: string): Promise<Media> {
    fs.mkdirSync(this.cacheDir, { recursive: true });
    const out = path.join(this.cacheDir, `${hash}.tmp.m4a`);
    try {
      try {
        await runTool(await this.ffmpeg(), synthArgs(recipe, out), { timeoutMs: 180_000 });
      } catch (error) {
        throw new AppError(
          'RENDER_FAILED',
          `Could not make the track "${recipe.name}": ${(error as Error).message}`,
          { retryable: true },
        );
      }
      const { media } = await this.media.importFile(
        { path: out, name: `${recipe.name}.m4a` },
        {
          source: 'generated',
          provenance: { provider: 'reelsmith-synth', model: recipe.id, prompt: recipe.description },
        },
      );
      fs.writeFileSync(this.note(hash), media.sha256);
      return media;
    } finally {
      fs.rmSync(out, { force: true });
    }
  }
}
