/**
 * The compiler: a parsed timeline and its resolved media → ONE ffmpeg argument array with one
 * `-filter_complex`, plus the ASS script it refers to.
 *
 * Pure (no I/O): the caller resolves media, writes the ASS file and runs ffmpeg, so the same
 * compiler serves full renders, proxy previews and single frames.
 */
import type { PresetId } from '../../../shared/presets';
import { timelineDuration, type Timeline } from '../../../shared/timeline';
import { BugError } from '../../../shared/errors';
import { audioStatements } from './audio-graph';
import { buildAssDocument } from './captions/ass-document';
import {
  encoderGlobalArgs,
  encoderUploadFilter,
  videoEncoderArgs,
  type VideoEncoder,
} from './encoder-args';
import { num } from './filter-escape';
import type { ResolvedMedia } from './media-refs';
import { resolveOutput, type OutputSettings } from './output-settings';
import { assStatement, clipStatements, logoStatements, transitionStatements } from './video-graph';

export interface CompileInput {
  timeline: Timeline;
  /** Resolved media by field path (`clips.0.media`, `audio.music.media`, …). */
  media: ReadonlyMap<string, ResolvedMedia>;
  /** Where ffmpeg writes (the temp file; the caller renames it when complete). */
  outputPath: string;
  /** Where the caller will write `ass` (only used when there are captions or titles). */
  assPath: string;
  fontsDir: string;
  preset?: PresetId;
  encoder?: VideoEncoder;
  /** Render only the frame at this time (seconds), as PNG; no audio. */
  frameAt?: number;
}

export interface CompiledRender {
  args: string[];
  /** The ASS script to write at `assPath`, or null when nothing is drawn by libass. */
  ass: string | null;
  /** Output duration in seconds. */
  duration: number;
  output: OutputSettings;
  encoder: VideoEncoder;
}

class Inputs {
  readonly args: string[] = [];
  private count = 0;

  add(path: string, before: string[] = []): number {
    // image2 reads `%d` in a name as a sequence pattern: say it is one file.
    const pattern =
      path.includes('%') && before.length === 0 ? ['-f', 'image2', '-pattern_type', 'none'] : [];
    // Local files only: a media file must never make ffmpeg fetch or open anything else.
    this.args.push('-protocol_whitelist', 'file', ...before, ...pattern, '-i', path);
    return this.count++;
  }
}

function media(map: ReadonlyMap<string, ResolvedMedia>, field: string): ResolvedMedia {
  const found = map.get(field);
  if (!found) throw new BugError(`media for ${field} was not resolved before compiling`);
  return found;
}

export function compileRender(input: CompileInput): CompiledRender {
  const { timeline } = input;
  const out = resolveOutput(timeline, input.preset);
  const encoder = input.frameAt === undefined ? (input.encoder ?? 'libx264') : 'libx264';
  const total = timelineDuration(timeline);
  const frame = {
    width: out.width,
    height: out.height,
    fps: out.fps,
    draft: out.preset.id === 'proxy',
  };
  const inputs = new Inputs();
  const graph: string[] = [];
  const clipAudio = new Map<number, number>();

  timeline.clips.forEach((clip, k) => {
    const file = media(input.media, `clips.${k}.media`);
    let index: number;
    if (clip.type === 'video') {
      const span =
        clip.trimOut === undefined ? clip.duration * clip.speed : clip.trimOut - clip.trimIn;
      const read = Math.min(span, clip.duration * clip.speed) + 1 / out.fps;
      index = inputs.add(file.path, ['-ss', num(clip.trimIn, 3), '-t', num(read, 3)]);
      if (clip.audio.keep && file.hasAudio) clipAudio.set(k, index);
    } else {
      index = inputs.add(file.path);
    }
    graph.push(...clipStatements(clip, k, index, frame));
  });
  graph.push(...transitionStatements(timeline.clips, out.fps, 'joined'));

  const logos = timeline.overlays.flatMap((overlay, k) =>
    overlay.type === 'image'
      ? [{ overlay, inputIndex: inputs.add(media(input.media, `overlays.${k}.media`).path) }]
      : [],
  );
  graph.push(...logoStatements(logos, frame, 'joined', 'logos'));

  const ass = buildAssDocument({
    width: out.designWidth,
    height: out.designHeight,
    captions: timeline.captions,
    overlays: timeline.overlays,
  });
  const upload = encoderUploadFilter(encoder);
  const videoTail = upload ? `,${upload}` : '';
  graph.push(
    ass === null
      ? `[logos]format=yuv420p${videoTail}[vout]`
      : assStatement('logos', 'vout', input.assPath, input.fontsDir),
  );
  if (ass !== null && upload) graph.push(`[vout]${upload}[vhw]`);
  const videoLabel = ass !== null && upload ? 'vhw' : 'vout';

  const base = ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', '-nostats'];
  if (input.frameAt !== undefined) {
    return {
      args: [
        ...base,
        ...inputs.args,
        '-filter_complex',
        graph.join(';'),
        '-map',
        `[${videoLabel}]`,
        '-ss',
        num(Math.min(Math.max(0, input.frameAt), Math.max(0, total - 1 / out.fps)), 3),
        '-frames:v',
        '1',
        '-an',
        '-c:v',
        'png',
        '-f',
        'image2',
        input.outputPath,
      ],
      ass,
      duration: total,
      output: out,
      encoder,
    };
  }

  const voiceInputs = timeline.audio.voice.map((_, k) =>
    inputs.add(media(input.media, `audio.voice.${k}.media`).path),
  );
  const music = timeline.audio.music;
  const musicInput = music
    ? inputs.add(
        media(input.media, 'audio.music.media').path,
        music.loop ? ['-stream_loop', '-1'] : [],
      )
    : null;
  graph.push(
    ...audioStatements(
      timeline,
      { clipInputs: clipAudio, voiceInputs, musicInput },
      total,
      'aout',
      out.preset.id === 'proxy',
    ),
  );

  const args = [
    ...base,
    '-progress',
    'pipe:1',
    ...encoderGlobalArgs(encoder),
    ...inputs.args,
    '-filter_complex',
    graph.join(';'),
    '-map',
    `[${videoLabel}]`,
    '-map',
    '[aout]',
    ...videoEncoderArgs(encoder, out),
    '-r',
    num(out.fps),
    '-c:a',
    'aac',
    // The "fast" coder costs half the CPU of the default two-loop search; at 96–192 kb/s the
    // difference is not audible, and audio is a real share of a render's CPU.
    '-aac_coder',
    'fast',
    // A preview skips the coding tools (noise substitution, intensity and mid/side stereo,
    // temporal noise shaping): about a third less audio CPU, still clean speech and music.
    ...(frame.draft ? ['-aac_pns', '0', '-aac_is', '0', '-aac_ms', '0', '-aac_tns', '0'] : []),
    '-b:a',
    `${out.audioBitrateKbps}k`,
    '-ar',
    '48000',
    '-ac',
    '2',
    '-t',
    num(total, 3),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    input.outputPath,
  ];
  return { args, ass, duration: total, output: out, encoder };
}
