import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The renderer build (main and preload are bundled by scripts/build-node.mjs). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  define: { __REELSMITH_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
  },
});
