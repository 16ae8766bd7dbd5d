// `npm run bench -- <name>` runs bench/<name>.bench.ts; `npm run bench` runs every benchmark.
// Each benchmark ends its output with exactly one line holding one JSON object.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const available = readdirSync(new URL('../bench/', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!available.includes(name)) {
    process.stderr.write(`Unknown benchmark ${name}. Available: ${available.join(', ')}\n`);
    process.exit(2);
  }
}
let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`], {
    stdio: 'inherit',
    env: process.env,
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
