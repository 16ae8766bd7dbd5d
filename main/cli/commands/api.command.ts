/**
 * `reelsmith api`: the hosted sync API (server/), configured by environment variables
 * (README "Sync API"). Without SERVER_DATA_DIR its data lives in `<data folder>/server`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors';
import { loadApiConfig, startApiServer } from '../../../server/src/index';
import { APP_VERSION } from '../../config/version';
import { UsageError } from '../args';
import type { Command } from '../command';

export const apiCommand: Command = {
  name: 'api',
  summary: 'Run the hosted sync API (accounts, credits, uploads, feed)',
  usesLibrary: false,
  usage:
    'reelsmith api [--port N] [--host ADDRESS]   (or PORT, HOST; DATABASE_URL, S3_*, SMTP_URL... see README)',
  async run({ args, globals, io, dataDir }) {
    const { values } = parseArgs({
      args,
      options: { port: { type: 'string' }, host: { type: 'string' } },
      strict: true,
    });
    const env = { ...io.env };
    if (values.port !== undefined) env.PORT = values.port;
    if (values.host !== undefined) env.HOST = values.host;
    env.SERVER_DATA_DIR ??= path.join(dataDir, 'server');
    let config;
    try {
      config = loadApiConfig(env, APP_VERSION);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    let api;
    try {
      api = await startApiServer(config);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new AppError(
          'CONFLICT',
          `Port ${config.port} is already in use; choose another with --port.`,
        );
      }
      throw error;
    }
    io.stdout.write(
      globals.json ? `${JSON.stringify({ url: api.url })}\n` : `Reelsmith API at ${api.url}/v1\n`,
    );
    const running = api;
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void running.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
