/**
 * Reelsmith's version: injected at build time from package.json (esbuild, Vite and Vitest
 * `define`); read from package.json when run from source some other way (tsx benchmarks).
 */
import { readFileSync } from 'node:fs';

function fromPackageJson(): string {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const APP_VERSION: string =
  typeof __REELSMITH_VERSION__ === 'string' ? __REELSMITH_VERSION__ : fromPackageJson();
export const APP_NAME = 'Reelsmith';
