/**
 * `reelsmith montage <clips...>`: analyse clips, pick the best moments for a montage of
 * `--duration` seconds (cut to `--music` beats when given) and print the plan.
 */
import { parseArgs } from 'node:util';
import { MomentOptions, type GenerateResult } from '../../../shared/contract/montage.contract';
import { createServices } from '../../services';
import { UsageError } from '../args';
import type { CliIo, Command } from '../command';

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

export const montageCommand: Command = {
  name: 'montage',
  summary: 'Find the best moments in clips for a montage cut to music',
  usage:
    'reelsmith montage <clips...> [--duration 45] [--music file] [--moment 4] [--json]\n' +
    '  Analyses the clips (cached per file), proposes moments filling --duration seconds.',
  async run({ args, globals, io, dataDir }) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        duration: { type: 'string' },
        music: { type: 'string' },
        moment: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length === 0)
      throw new UsageError('Give at least one clip: reelsmith montage a.mp4 b.mp4');
    const lengthS = parseSeconds('moment', values.moment, 4);
    const services = createServices({ dataDir, shell: 'cli', env: io.env });
    try {
      const clips = positionals.map((file) => ({ id: services.files.fromPath(file).id }));
      const music = values.music ? { id: services.files.fromPath(values.music).id } : undefined;
      let lastShown = -1;
      const off = services.events.on('montage.progress', (p) => {
        const percent = Math.floor(p.fraction * 100);
        if (!globals.json && io.isTTY && percent !== lastShown) {
          lastShown = percent;
          io.stderr.write(`\r${p.phase} ${String(percent)}% ${p.detail ?? ''}`.padEnd(60));
        }
      });
      const result = await services.montage.generate({
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
      if (globals.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else printPlan(io, result);
      return result.moments.length > 0 ? 0 : 1;
    } finally {
      await services.close();
    }
  },
};
