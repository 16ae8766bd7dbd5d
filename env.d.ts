/** Replaced at build time (esbuild/vite `define`) with the version from package.json. */
declare const __REELSMITH_VERSION__: string;
