/**
 * The Electron main-process entry (bundled to out/main/electron.js).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import electron from 'electron';
import { startElectronApp } from './bootstrap';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
startElectronApp(electron, { outDir, argv: process.argv, env: process.env });
