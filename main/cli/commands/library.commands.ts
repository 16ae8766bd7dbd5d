/**
 * Library commands: `projects list`, `import`, `export`, `open-bundle`.
 *
 * Each runs the contract operation through the router (the same validation as the UI), shows
 * progress on stderr when it is a terminal, and cancels cleanly on Ctrl+C.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { OperationInput, OperationName, OperationOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { createServices, type Services } from '../../services';
import { UsageError } from '../args';
import type { CliIo, Command } from '../command';

async function call<N extends OperationName>(
  services: Services,
  name: N,
  input: OperationInput<N>,
): Promise<OperationOutput<N>> {
  const result = await services.router.handle(name, input, { transport: 'in-process' });
  if (!result.ok) throw AppError.fromPayload(result.error);
  return result.value as OperationOutput<N>;
}

/** Runs `work` with services, progress on stderr and Ctrl+C cancelling `operationId`. */
async function withLibrary<T>(
  dataDir: string,
  io: CliIo,
  work: (services: Services, operationId: string) => Promise<T>,
): Promise<T> {
  const services = createServices({ dataDir, shell: 'cli', env: io.env });
  const operationId = randomUUID();
  const unsubscribe = services.events.on('library.progress', (p) => {
    if (!io.isTTY || p.operationId !== operationId) return;
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
    io.stderr.write(`\r${p.kind}: ${percent}% ${p.current ?? ''}`.padEnd(60));
  });
  const onSigint = () => services.operations.cancel(operationId);
  process.on('SIGINT', onSigint);
  try {
    return await work(services, operationId);
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
    if (io.isTTY) io.stderr.write('\r'.padEnd(61) + '\r');
    await services.close();
  }
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export const projectsCommand: Command = {
  name: 'projects',
  summary: 'List projects (projects list [--search TEXT] [--trash] [--limit N])',
  usage:
    'reelsmith projects list [--search TEXT] [--sort updated|created|title] [--trash] [--limit N] [--json]',
  async run({ args, globals, io, dataDir }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        search: { type: 'string' },
        sort: { type: 'string' },
        trash: { type: 'boolean' },
        limit: { type: 'string' },
      },
    });
    if (positionals[0] !== 'list' || positionals.length > 1) {
      throw new UsageError('Usage: reelsmith projects list [--json]');
    }
    const limit = values.limit === undefined ? 200 : Number(values.limit);
    return withLibrary(dataDir, io, async (services) => {
      const page = await call(services, 'projects.list', {
        search: values.search,
        sort: values.sort as 'updated' | undefined,
        trash: values.trash ?? false,
        limit,
      });
      if (globals.json) {
        io.stdout.write(`${JSON.stringify(page)}\n`);
        return 0;
      }
      for (const p of page.items) {
        io.stdout.write(
          `${p.id}  ${date(p.updatedAt)}  ${p.status.padEnd(10)} ${String(p.segmentCount).padStart(4)} seg  ${p.title}\n`,
        );
      }
      io.stdout.write(`${page.items.length} of ${page.total} project(s)\n`);
      return 0;
    });
  },
};

export const importCommand: Command = {
  name: 'import',
  summary: 'Import media files into the library (optionally into a project)',
  usage: 'reelsmith import <files...> [--project ID] [--json]',
  async run({ args, globals, io, dataDir }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { project: { type: 'string' } },
    });
    if (positionals.length === 0) throw new UsageError('Name at least one file to import.');
    return withLibrary(dataDir, io, async (services, operationId) => {
      const failedToOpen: { name: string; code: string; message: string }[] = [];
      const files: { id: string }[] = [];
      for (const file of positionals) {
        try {
          files.push({ id: services.files.fromPath(file).id });
        } catch (error) {
          const e = error instanceof AppError ? error : new AppError('IO', String(error));
          failedToOpen.push({ name: file, code: e.code, message: e.message });
        }
      }
      const result =
        files.length > 0
          ? await call(services, 'media.import', { files, projectId: values.project, operationId })
          : { imported: [], failed: [] };
      result.failed.unshift(...failedToOpen);
      if (globals.json) io.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        for (const { media, deduplicated } of result.imported) {
          io.stdout.write(
            `${media.id}  ${media.kind.padEnd(5)} ${media.originalName}${deduplicated ? '  (already in the library)' : ''}\n`,
          );
        }
        for (const failure of result.failed)
          io.stderr.write(`reelsmith: ${failure.name}: ${failure.message}\n`);
      }
      return result.failed.length > 0 ? 1 : 0;
    });
  },
};

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a project and its media to a .reelsmith bundle',
  usage: 'reelsmith export <project-id> -o <file.reelsmith> [--json]',
  async run({ args, globals, io, dataDir }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { output: { type: 'string', short: 'o' } },
    });
    const projectId = positionals[0];
    if (!projectId || positionals.length > 1 || !values.output) {
      throw new UsageError('Usage: reelsmith export <project-id> -o <file.reelsmith>');
    }
    const output = values.output;
    return withLibrary(dataDir, io, async (services, operationId) => {
      const target = services.fileRegistry.registerLocalTarget(output);
      const result = await call(services, 'library.exportBundle', {
        projectId,
        target: { id: target.id },
        operationId,
      });
      io.stdout.write(
        globals.json
          ? `${JSON.stringify({ file: target.path, ...result })}\n`
          : `Wrote ${target.path}: ${result.segments} segment(s), ${result.media} media, ${result.bytes} bytes\n`,
      );
      return 0;
    });
  },
};

export const openBundleCommand: Command = {
  name: 'open-bundle',
  summary: 'Import a .reelsmith bundle as a new project',
  usage: 'reelsmith open-bundle <file.reelsmith> [--json]',
  async run({ args, globals, io, dataDir }) {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: {} });
    const file = positionals[0];
    if (!file || positionals.length > 1)
      throw new UsageError('Usage: reelsmith open-bundle <file.reelsmith>');
    return withLibrary(dataDir, io, async (services, operationId) => {
      const handle = services.files.fromPath(file);
      const project = await call(services, 'library.importBundle', {
        file: { id: handle.id },
        operationId,
      });
      io.stdout.write(
        globals.json ? `${JSON.stringify(project)}\n` : `${project.id}  ${project.title}\n`,
      );
      return 0;
    });
  },
};
