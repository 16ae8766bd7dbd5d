/**
 * `reelsmith info`: what `app.info` reports (version, data folder, ffmpeg).
 */
import { createServices } from '../../services';
import type { Command } from '../command';
import { parseArgs } from 'node:util';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show version, data folder and the ffmpeg/ffprobe in use',
  usage: 'reelsmith info [--json]',
  async run({ args, globals, io, dataDir }) {
    parseArgs({ args, options: {}, allowPositionals: false, strict: true });
    const services = createServices({ dataDir, shell: 'cli', env: io.env });
    try {
      const info = await services.appInfo.info();
      if (globals.json) {
        io.stdout.write(`${JSON.stringify(info)}\n`);
      } else {
        const tool = (t: typeof info.ffmpeg) =>
          t.found ? `${t.version} (${t.path}, from ${t.source})` : t.message;
        io.stdout.write(
          [
            `Reelsmith ${info.version} on ${info.platform}/${info.arch}, Node ${info.nodeVersion}`,
            `data folder: ${info.dataDir}`,
            `ffmpeg:      ${tool(info.ffmpeg)}`,
            `ffprobe:     ${tool(info.ffprobe)}`,
          ].join('\n') + '\n',
        );
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};
