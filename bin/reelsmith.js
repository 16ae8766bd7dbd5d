#!/usr/bin/env node
// The `reelsmith` command: runs the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('reelsmith: the CLI is not built yet. Run: npm run build\n');
  process.exit(1);
}
const { main } = await import(cli);
await main();
