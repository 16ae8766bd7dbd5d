/**
 * `reelsmith serve`: the browser shell on 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors';
import { startControlEndpoint } from '../../control/control-endpoint';
import { createServices } from '../../services';
import { startBrowserShell } from '../../shell/browser-shell';
import { UsageError } from '../args';
import type { Command } from '../command';

/** The built renderer: beside the CLI bundle (out/main → out/renderer), or out/ from source. */
export function findRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../renderer'),
    path.resolve(here, '../../../out/renderer'),
  ];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!found) throw new AppError('NOT_FOUND', 'The renderer is not built. Run: npm run build');
  return found;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not ${JSON.stringify(value)}`);
  }
  return port;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the studio in your browser (http://127.0.0.1, token-protected)',
  usage: 'reelsmith serve [--port N]   (or REELSMITH_PORT; default: a free port)',
  async run({ args, globals, io, dataDir }) {
    const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: true });
    const port = parsePort(values.port ?? io.env.REELSMITH_PORT);
    const rendererDir = findRendererDir();
    const services = createServices({
      dataDir,
      shell: 'browser',
      env: io.env,
      downloadUrl: (id) => `/files/${id}`,
    });
    let shell;
    try {
      shell = await startBrowserShell({ services, rendererDir, port });
    } catch (error) {
      await services.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new AppError(
          'CONFLICT',
          `Port ${port} is already in use; choose another with --port.`,
        );
      }
      throw error;
    }
    services.lock?.setUrl(`http://127.0.0.1:${shell.port}/`);
    // The embedded sync API (no cloud URL set) and the upload queue; the studio works without them.
    services.sync
      .start()
      .catch((error: unknown) => services.log.error('sync: could not start', error));
    // `reelsmith login/queue/publish` from another terminal work through this endpoint.
    const control = await startControlEndpoint(services).catch((error: unknown) => {
      services.log.error('control endpoint: could not start', error);
      return null;
    });
    io.stdout.write(
      globals.json ? `${JSON.stringify({ url: shell.url })}\n` : `Reelsmith is at ${shell.url}\n`,
    );

    const opened = shell;
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void Promise.all([opened.close(), control?.close()])
          .then(() => services.close())
          .then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
