/**
 * `app.*`: facts about this installation (version, data folder, ffmpeg) for the System page.
 */
import { z } from 'zod';
import { operation } from './define';

/** Where a tool's path came from, in lookup order. */
export const ToolSource = z.enum(['setting', 'env', 'ffmpeg-static', 'beside-ffmpeg', 'path']);

/** An external tool (ffmpeg, ffprobe): found with its version, or a clear reason why not. */
export const ToolInfo = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    path: z.string(),
    version: z.string(),
    source: ToolSource,
  }),
  z.object({ found: z.literal(false), message: z.string() }),
]);
export type ToolInfo = z.infer<typeof ToolInfo>;

/** Which shell the services run in. */
export const ShellKind = z.enum(['electron', 'browser', 'cli', 'test']);
export type ShellKind = z.infer<typeof ShellKind>;

export const AppInfo = z.object({
  name: z.literal('Reelsmith'),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  shell: ShellKind,
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  dataDir: z.string(),
  ffmpeg: ToolInfo,
  ffprobe: ToolInfo,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appOperations = {
  'app.info': operation({
    doc: 'Version, platform, data folder, and the ffmpeg/ffprobe found (path + version) or why not.',
    input: z.object({}).strict(),
    output: AppInfo,
  }),
};
