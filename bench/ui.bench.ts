/**
 * The editor UI in Chromium over the browser shell (needs `npm run build` first).
 *
 * - initial_js_kb_gzip: the JavaScript the first screen (Projects) loads, gzipped (level 9) —
 *   what route-level code splitting keeps small.
 * - editor_open_ms_200_segments: from navigating to a project of 200 segments (with word
 *   timings) to its 200 rows on screen, cold (fresh page each run, median of 5).
 * - keystroke_to_save_ms_p95: from one keystroke in the narration field to the header saying
 *   "Saved" again (the edit went through the contract into SQLite), p95 of 60.
 *
 * Output (last line): {initial_js_kb_gzip, editor_open_ms_200_segments, keystroke_to_save_ms_p95,
 * editor_open_runs_ms, keystroke_to_save_ms_p50}
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { LIBRARY_FILE_NAME, openLibrary } from '../main/store/db/open-library';
import { ProjectsService } from '../main/store/projects/projects.service';
import { createMemoryLogger } from '../main/util/logger';
import { launchChromium } from '../tests/e2e/helpers/chromium';
import { startServe } from '../tests/e2e/helpers/serve';
import { percentile, printResult, round } from './lib/stats';

const SEGMENTS = 200;
const OPEN_RUNS = 5;
const KEYSTROKES = 60;
const RENDERER_DIR = path.resolve('out/renderer');

if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
  process.stderr.write('The renderer is not built: run npm run build first.\n');
  process.exit(2);
}

const p = (samples: number[], at: number) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    at,
  );

// Seed a project of 200 segments before the shell takes the data folder.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bench-ui-'));
const library = openLibrary({
  file: path.join(dataDir, LIBRARY_FILE_NAME),
  log: createMemoryLogger(),
});
const projects = new ProjectsService(library.store);
const project = projects.create({ title: 'Two hundred scenes', idea: 'benchmark' });
for (let i = 0; i < SEGMENTS; i++) {
  const words = `Scene ${String(i + 1)} says a few words about the topic here`.split(' ');
  projects.createSegment(project.id, {
    text: words.join(' '),
    imagePrompt: `picture ${String(i + 1)}`,
    durationMs: 3000,
    wordTimings: words.map((word, w) => ({ word, startMs: w * 250, endMs: w * 250 + 200 })),
  });
}
library.close();

const serve = await startServe(dataDir, { FFMPEG_BIN: '/usr/bin/ffmpeg' });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });

  // 1. Initial JavaScript of the first screen.
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  await page.goto(serve.url);
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
  await page.waitForLoadState('networkidle');
  let gzipBytes = 0;
  for (const script of scripts) {
    const file = path.join(RENDERER_DIR, script);
    gzipBytes += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }

  // 2. Opening the 200-segment project, cold each time.
  const openRuns: number[] = [];
  for (let run = 0; run < OPEN_RUNS; run++) {
    await page.goto(serve.url.replace(/\?token=.*$/, '#/projects'));
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    const elapsed = await page.evaluate<number>(
      `(async () => {
        const start = performance.now();
        window.location.hash = '#/projects/${project.id}';
        while (document.querySelectorAll('[data-testid=segment-item]').length < ${String(SEGMENTS)}) {
          await new Promise((r) => requestAnimationFrame(r));
        }
        return performance.now() - start;
      })()`,
    );
    openRuns.push(elapsed);
  }

  // 3. Keystroke → saved, in the narration field of the open project.
  const field = page.getByLabel('Narration');
  await field.click();
  const saves: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const elapsed = await page.evaluate<number>(
      `(async () => {
        const field = document.getElementById('seg-text');
        const state = document.querySelector('[data-testid=save-state]');
        const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
        const start = performance.now();
        setter.call(field, field.value + 'x');
        field.dispatchEvent(new Event('input', { bubbles: true }));
        let sawSaving = false;
        for (;;) {
          const text = state.textContent;
          if (text === 'Saving…') sawSaving = true;
          if (sawSaving && text === 'Saved') break;
          await new Promise((r) => setTimeout(r, 0));
        }
        return performance.now() - start;
      })()`,
    );
    saves.push(elapsed);
  }
  printResult({
    initial_js_kb_gzip: round(gzipBytes / 1024, 1),
    editor_open_ms_200_segments: round(p(openRuns, 50), 1),
    keystroke_to_save_ms_p95: round(p(saves, 95), 1),
    editor_open_runs_ms: openRuns.map((x) => round(x, 1)),
    keystroke_to_save_ms_p50: round(p(saves, 50), 1),
  });
} finally {
  await browser.close();
  await serve.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
