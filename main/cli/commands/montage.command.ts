/**
 * `reelsmith montage <clips...> [--duration 45] [--music file] [--preset tiktok] -o out.mp4`:
 * analyse clips, pick the best moments for a montage of `--duration` seconds and render it
 * (cuts on the `--music` beats) through the render service: a progress bar on a terminal, one
 * final JSON line with --json. Without -o it prints the plan instead. Ctrl+C cancels.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  MomentOptions,
  MontageAudioMode,
  MontageEdit,
  MontagePreset,
  type GenerateResult,
} from '../../../shared/contract/montage.contract';
import { createServices, type Services } from '../../services';
import { UsageError } from '../args';
import type { CliIo, Command } from '../command';
import { bar } from './render.command';

function parseSeconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a number of seconds`);
  return n;
}

function printPlan(io: CliIo, result: GenerateResult): void {
  const names = new Map(result.clips.map((c) => [c.clipId, c.name]));
  for (const clip of result.clips) {
    if (clip.status === 'skipped') io.stderr.write(`skipped ${clip.name}: ${clip.reason}\n`);
  }
  let t = 0;
  for (const m of result.moments) {
    const length = m.endS - m.startS;
    io.stdout.write(
      `${t.toFixed(1).padStart(6)} s  ${names.get(m.clipId) ?? m.clipId}  ${m.startS.toFixed(1)}–${m.endS.toFixed(1)} s  (${m.reasons.join(', ')})\n`,
    );
    t += length;
  }
  if (result.beats) {
    io.stdout.write(
      `music: ${result.beats.bpm.toFixed(1)} BPM, ${String(result.beats.beats.length)} beats\n`,
    );
  }
}

function parseFocus(value: string | undefined): { x: number; y: number } {
  if (value === undefined) return { x: 0.5, y: 0.5 };
  const [x, y] = value.split(',').map(Number);
  if (x === undefined || y === undefined || !(x >= 0 && x <= 1 && y >= 0 && y <= 1))
    throw new UsageError('--focus must be x,y with both between 0 and 1 (0.5,0.5 = centre)');
  return { x, y };
}

function parseEnum<T extends string>(
  name: string,
  value: string | undefined,
  options: readonly T[],
) {
  if (value === undefined) return undefined;
  if (!(options as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${options.join(', ')}`);
  return value as T;
}

interface RenderFlags {
  output: string;
  preset?: string;
  audio?: string;
  intro?: string;
  outro?: string;
  'brand-kit'?: string;
  focus?: string;
}

/** Renders the proposed moments; the final JSON summary. */
async function renderPlan(
  services: Services,
  plan: GenerateResult,
  flags: RenderFlags,
  music: { id: string } | undefined,
  io: CliIo,
  showBar: boolean,
  signal: AbortSignal,
) {
  const edit = MontageEdit.parse({
    moments: plan.moments,
    music,
    audio: parseEnum('audio', flags.audio, MontageAudioMode.options),
    preset: parseEnum('preset', flags.preset, MontagePreset.options),
    brandKitId: flags['brand-kit'],
    intro: flags.intro ? { text: flags.intro } : undefined,
    outro: flags.outro ? { text: flags.outro } : undefined,
    focus: parseFocus(flags.focus),
  });
  const { timeline, layout } = await services.montageRender.timeline(edit, signal);
  const result = await services.renderService.render({
    timeline,
    output: path.resolve(flags.output),
    preset: edit.preset,
    signal,
    onProgress: showBar ? (p) => io.stderr.write(bar(p)) : undefined,
  });
  if (showBar) io.stderr.write('\n');
  return {
    ...result,
    preset: edit.preset,
    moments: plan.moments.length,
    cuts: layout.cuts,
    bpm: plan.beats?.bpm ?? null,
    skipped: plan.clips.flatMap((c) =>
      c.status === 'skipped' ? [{ name: c.name, reason: c.reason }] : [],
    ),
  };
}

export const montageCommand: Command = {
  name: 'montage',
  summary: 'Cut the best moments of clips into a montage on the music beats',
  usage:
    `reelsmith montage <clips...> [--duration 45] [--music file] [--moment 4] [--preset ${MontagePreset.options.join('|')}]\n` +
    '    [--audio duck|mute] [--intro TEXT] [--outro TEXT] [--brand-kit ID] [--focus x,y] [-o out.mp4] [--json]\n' +
    '  Analyses the clips (cached per file), picks moments filling --duration seconds and, with -o,\n' +
    '  renders them with cuts on the beats of --music. Without -o it prints the plan.',
  async run({ args, globals, io, dataDir }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        duration: { type: 'string' },
        music: { type: 'string' },
        moment: { type: 'string' },
        output: { type: 'string', short: 'o' },
        preset: { type: 'string' },
        audio: { type: 'string' },
        intro: { type: 'string' },
        outro: { type: 'string' },
        'brand-kit': { type: 'string' },
        focus: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0)
      throw new UsageError('Give at least one clip: reelsmith montage a.mp4 b.mp4');
    const lengthS = parseSeconds('moment', values.moment, 4);
    // Usage errors before any work.
    parseEnum('preset', values.preset, MontagePreset.options);
    parseEnum('audio', values.audio, MontageAudioMode.options);
    parseFocus(values.focus);
    const services = createServices({ dataDir, shell: 'cli', env: io.env });
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once('SIGINT', interrupt);
    try {
      const clips = positionals.map((file) => ({ id: services.files.fromPath(file).id }));
      const music = values.music ? { id: services.files.fromPath(values.music).id } : undefined;
      let lastShown = -1;
      const jobId = `cli-${String(process.pid)}`;
      controller.signal.addEventListener('abort', () => services.montage.cancel(jobId));
      const off = services.events.on('montage.progress', (p) => {
        const percent = Math.floor(p.fraction * 100);
        if (!globals.json && io.isTTY && percent !== lastShown) {
          lastShown = percent;
          io.stderr.write(`\r${p.phase} ${String(percent)}% ${p.detail ?? ''}`.padEnd(60));
        }
      });
      const result = await services.montage.generate({
        jobId,
        clips,
        music,
        targetDurationS: parseSeconds('duration', values.duration, 45),
        moments: MomentOptions.parse({
          lengthS,
          minLengthS: Math.min(2, lengthS),
          maxLengthS: Math.max(lengthS * 1.5, lengthS + 1),
          leadInS: Math.min(1, lengthS / 3),
        }),
      });
      off();
      if (!globals.json && io.isTTY) io.stderr.write('\n');
      if (values.output !== undefined) {
        if (result.moments.length === 0) {
          io.stderr.write('No usable moments: nothing to render.\n');
          return 1;
        }
        const summary = await renderPlan(
          services,
          result,
          { ...values, output: values.output },
          music,
          io,
          io.isTTY && !globals.json,
          controller.signal,
        );
        for (const s of summary.skipped) io.stderr.write(`skipped ${s.name}: ${s.reason}\n`);
        if (globals.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
        else
          io.stdout.write(
            `Rendered ${summary.output} (${summary.duration.toFixed(2)} s, ${String(summary.moments)} moments) in ${summary.seconds.toFixed(1)} s with ${summary.encoder}\n`,
          );
        return 0;
      }
      if (globals.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else printPlan(io, result);
      return result.moments.length > 0 ? 0 : 1;
    } finally {
      process.off('SIGINT', interrupt);
      await services.close();
    }
  },
};
