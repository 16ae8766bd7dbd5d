// Bundles the Node-side entry points with esbuild into out/:
//   out/main/cli.js        the CLI and browser shell (ESM)
//   out/main/electron.js   the Electron main process (ESM)
//   out/preload/preload.cjs the preload (CommonJS: sandboxed preloads cannot be ESM)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __REELSMITH_VERSION__: JSON.stringify(pkg.version) };
// ESM bundles that still need `require` for CommonJS dependencies.
const banner = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  define,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'main/cli-entry.ts', electron: 'main/app/main.ts' },
    outdir: 'out/main',
    format: 'esm',
    packages: 'external',
    banner,
  }),
  build({
    ...common,
    entryPoints: { preload: 'preload/preload.ts' },
    outdir: 'out/preload',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
    platform: 'browser',
  }),
]);
