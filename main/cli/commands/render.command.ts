/**
 * `reelsmith render <project-id | timeline.json> -o out.mp4 [--preset ID] [--json]`: renders
 * headless, with a progress bar on a terminal and, with --json, one final JSON line
 * `{"output","seconds","encoder","duration"}`. Ctrl+C cancels (ffmpeg stopped, temp removed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PRESET_IDS, PresetId } from '../../../shared/presets';
import { AppError } from '../../../shared/errors';
import { PathMediaResolver } from '../../pipeline/render/media-resolver';
import type { RenderProgress } from '../../pipeline/render/progress-parser';
import { createServices, type Services } from '../../services';
import { UsageError } from '../args';
import type { Command, CommandContext } from '../command';
import { renderProject } from '../project-render';

/** Reads a timeline file; JSON errors name the file and position. */
function readTimelineFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `Timeline file not found: ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('VALIDATION', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A one-line progress bar for terminals (carriage return, no newline). */
export function bar(p: Pick<RenderProgress, 'percent' | 'speed' | 'etaSeconds'>): string {
  const width = 30;
  const filled = Math.round((p.percent / 100) * width);
  const eta = p.etaSeconds === null ? '' : ` ETA ${Math.ceil(p.etaSeconds)}s`;
  const speed = p.speed === null ? '' : ` ${p.speed.toFixed(2)}x`;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.percent.toFixed(1).padStart(5)}%${speed}${eta}   `;
}

/**
 * The bar on stderr while a render runs (only when asked for): redrawn in place, and ended with
 * a newline once it has been drawn, on success and on failure alike, so whatever is printed
 * next starts on a line of its own.
 */
export function progressBar(stream: NodeJS.WritableStream, enabled: boolean) {
  let drawn = false;
  return {
    onProgress: enabled
      ? (p: Pick<RenderProgress, 'percent' | 'speed' | 'etaSeconds'>) => {
          drawn = true;
          stream.write(bar(p));
        }
      : undefined,
    end(): void {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}

export const renderCommand: Command = {
  name: 'render',
  summary: 'Render a library project or a timeline (JSON file) to an MP4',
  usage: `reelsmith render <project-id | timeline.json> -o out.mp4 [--preset ${PRESET_IDS.join('|')}] [--json]`,
  async run({ args, globals, io, dataDir }) {
    const { values, positionals } = parseArgs({
      args,
      options: { output: { type: 'string', short: 'o' }, preset: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const source = positionals[0];
    if (source === undefined || positionals.length > 1) {
      throw new UsageError('render needs one timeline file or project id');
    }
    if (!values.output) throw new UsageError('render needs an output file: -o out.mp4');
    const preset = values.preset === undefined ? undefined : PresetId.safeParse(values.preset);
    if (preset && !preset.success) {
      throw new UsageError(`--preset must be one of ${PRESET_IDS.join(', ')}`);
    }
    const isFile = source.endsWith('.json') || fs.existsSync(source);
    if (!isFile) {
      return renderLibraryProject(source, values.output, preset?.data, { globals, io, dataDir });
    }
    const timelineFile = path.resolve(source);
    const timeline = readTimelineFile(timelineFile);
    const output = path.resolve(values.output);
    return runRender({ globals, io, dataDir }, (services, signal, onProgress) =>
      services.renderService.render({
        timeline,
        output,
        preset: preset?.data,
        signal,
        media: new PathMediaResolver(path.dirname(timelineFile)),
        onProgress,
      }),
    );
  },
};

/** `render <project-id>`: through the render queue (job persisted, project status followed). */
function renderLibraryProject(
  projectId: string,
  output: string,
  preset: PresetId | undefined,
  context: Pick<CommandContext, 'globals' | 'io' | 'dataDir'>,
): Promise<number> {
  return runRender(context, (services, signal, onProgress) =>
    renderProject(services, { projectId, output, preset, signal, onProgress }),
  );
}

/**
 * Runs one render with the CLI's own services: Ctrl+C cancels it, the bar shows on a terminal
 * (not with --json), and the result is printed as one JSON line (--json) or one sentence.
 */
async function runRender(
  { globals, io, dataDir }: Pick<CommandContext, 'globals' | 'io' | 'dataDir'>,
  render: (
    services: Services,
    signal: AbortSignal,
    onProgress: ReturnType<typeof progressBar>['onProgress'],
  ) => Promise<{ output: string; duration: number; seconds: number; encoder: string }>,
): Promise<number> {
  const services = createServices({ dataDir, shell: 'cli', env: io.env });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const progress = progressBar(io.stderr, io.isTTY && !globals.json);
  try {
    const result = await render(services, controller.signal, progress.onProgress);
    progress.end();
    if (globals.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else
      io.stdout.write(
        `Rendered ${result.output} (${result.duration.toFixed(2)} s) in ${result.seconds.toFixed(1)} s with ${result.encoder}\n`,
      );
    return 0;
  } finally {
    progress.end();
    process.off('SIGINT', interrupt);
    await services.close();
  }
}
