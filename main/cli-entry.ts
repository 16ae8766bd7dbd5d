/** Bundle entry for out/main/cli.js: re-exports `main` for bin/reelsmith.js. */
export { main, runCli } from './cli';
