// `npm start`: builds and runs the Electron app, or says in one line why it cannot.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string') {
  process.stderr.write(
    'Reelsmith: the Electron binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD?); run `npm run serve` to use Reelsmith in your browser instead.\n',
  );
  process.exit(1);
}
const built = spawnSync('npm', ['run', 'build'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (built.status !== 0) process.exit(built.status ?? 1);
const run = spawnSync(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
