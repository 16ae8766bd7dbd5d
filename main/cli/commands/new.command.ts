/**
 * `reelsmith new`: an idea becomes a ready project (script, images, voice, word timings,
 * captions), printing its id; `--render -o out.mp4` then renders it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { GenerationProgress } from '../../../shared/contract/generate.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import { AppError } from '../../../shared/errors';
import { allOn, type ProviderOverrides } from '../../pipeline/generate/provider-factory';
import { projectToTimeline } from '../../pipeline/render/project-timeline';
import { createServices } from '../../services';
import { UsageError } from '../args';
import type { Command } from '../command';
import { renderProject } from '../project-render';

const USAGE = [
  'reelsmith new --idea "..." [--duration 60] [--style S] [--provider offline|openai|cloud]',
  '              [--base-url URL] [--model M] [--render -o out.mp4] [--json]',
  'reelsmith new --resume JOB [--render -o out.mp4] [--json]',
  '',
  '  --idea TEXT       what the video is about (required)',
  '  --duration SEC    target length, 10-180 (default: Settings, 45)',
  '  --style TEXT      tone of the script (default: Settings)',
  '  --provider KIND   offline (no network), openai (any OpenAI-compatible server) or cloud\n' +
    '                    (the Reelsmith cloud, paid in credits; `reelsmith login` first) for every step',
  '  --base-url URL    OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 for Ollama',
  '  --model NAME      the script (chat) model',
  '  --resume JOB      continue a failed, cancelled or interrupted job after its last finished step',
  '  --timeline FILE   also write the render timeline (JSON, spec v1) of the ready project',
  '  --render          render the project when it is ready (needs -o)',
  '  -o, --output FILE where --render writes the video',
  '',
  'The API key comes from OPENAI_API_KEY, else the OS keychain, else the data-folder fallback.',
].join('\n');

function parseProvider(value: string | undefined): ProviderKind | undefined {
  if (value === undefined) return undefined;
  if (value === 'offline') return 'offline';
  if (value === 'openai' || value === 'openai-compatible') return 'openai-compatible';
  if (value === 'cloud') return 'cloud';
  throw new UsageError(`--provider must be offline, openai or cloud, not ${JSON.stringify(value)}`);
}

function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 180) {
    throw new UsageError(
      `--duration must be a whole number of seconds from 10 to 180, not ${JSON.stringify(value)}`,
    );
  }
  return seconds;
}

function describe(progress: GenerationProgress): string {
  const item = progress.item ? ` ${progress.item.index + 1}/${progress.item.total}` : '';
  return `${progress.stage}${item}: ${progress.state}${progress.message ? ` (${progress.message})` : ''}`;
}

export const newCommand: Command = {
  name: 'new',
  summary:
    'Turn an idea into a ready project (script, images, voice, captions); --render to render it',
  usage: USAGE,
  async run({ args, globals, io, dataDir }) {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        idea: { type: 'string' },
        duration: { type: 'string' },
        style: { type: 'string' },
        provider: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        resume: { type: 'string' },
        timeline: { type: 'string' },
        render: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
      },
    });
    if (!values.idea?.trim() && !values.resume)
      throw new UsageError(
        '--idea is required: reelsmith new --idea "three facts about octopuses"',
      );
    if (values.render && !values.output) throw new UsageError('--render needs -o FILE');
    const provider = parseProvider(values.provider);
    const overrides: ProviderOverrides = {
      ...(provider ? allOn(provider) : {}),
      ...(values['base-url'] ? { openaiBaseUrl: values['base-url'] } : {}),
      ...(values.model ? { scriptModel: values.model } : {}),
    };
    const input = {
      idea: values.idea ?? '',
      durationSec: parseDuration(values.duration),
      style: values.style,
    };

    const services = createServices({ dataDir, shell: 'cli', env: io.env });
    const stop = () => {
      for (const id of running) services.generation.cancel(id);
    };
    const running = new Set<string>();
    process.once('SIGINT', stop);
    try {
      const write = (line: unknown) => io.stdout.write(`${JSON.stringify(line)}\n`);
      services.events.on('generate.progress', (p) => {
        if (globals.json) write({ event: 'progress', ...p });
        else if (p.state !== 'item' || io.isTTY) io.stderr.write(`${describe(p)}\n`);
      });
      const { jobId, projectId } = values.resume
        ? await services.generation.resume(values.resume)
        : await services.generation.start(input, overrides);
      running.add(jobId);
      const job = await services.generation.wait(jobId);
      running.delete(jobId);
      if (job.state !== 'completed') {
        const reason = job.error?.message ?? job.state;
        if (globals.json) write({ jobId, projectId, state: job.state, error: job.error });
        throw new AppError(
          'PROVIDER',
          `Generation ${job.state} at ${job.stage}: ${reason} (continue with: reelsmith new --resume ${jobId})`,
        );
      }
      if (values.timeline) {
        const timeline = projectToTimeline(services.media.renderSource(projectId));
        fs.writeFileSync(path.resolve(values.timeline), `${JSON.stringify(timeline, null, 2)}\n`);
      }
      let output: string | null = null;
      if (values.render && values.output) {
        output = (await renderProject(services, { projectId, output: values.output })).output;
      }
      if (globals.json) write({ jobId, projectId, state: job.state, usage: job.usage, output });
      else io.stdout.write(`${projectId}\n`);
      return 0;
    } finally {
      process.off('SIGINT', stop);
      await services.close();
    }
  },
};
