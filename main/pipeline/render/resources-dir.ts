/**
 * Where `resources/` (bundled caption fonts, the timeline schema) is: beside the source tree
 * when run from source or tests, beside `out/` when run from the build, under the Electron
 * app's resources path when packaged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findResourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REELSMITH_RESOURCES_DIR) return path.resolve(env.REELSMITH_RESOURCES_DIR);
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Packaged Electron app: electron-builder's extraResources puts it under resourcesPath.
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    path.resolve(here, '../../../resources'),
    path.resolve(here, '../../resources'),
    ...(packaged ? [path.join(packaged, 'resources')] : []),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'fonts'))) ?? candidates[0] ?? here;
}
