/**
 * Render speed on the W60 workload: Reelsmith's compiled render, the hand-written reference
 * command (../shared/bench/w60-baseline.sh) and a proxy preview, all in the same run on the
 * same inputs (made by ../shared/bench/w60-assets.sh into a temp folder).
 *
 * Output (last line): {reelsmith_s, baseline_s, ratio, realtime_factor, proxy_realtime_factor, peak_rss_mb}
 * peak_rss_mb is the peak resident memory of Reelsmith's ffmpeg process (VmHWM).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HardwareEncoderDetector } from '../main/pipeline/render/hardware-encoders';
import { PathMediaResolver } from '../main/pipeline/render/media-resolver';
import { RenderService } from '../main/pipeline/render/render.service';
import { locateFfmpeg, locateFfprobe } from '../main/system/tool-locator';
import { createMemoryLogger } from '../main/util/logger';
import { w60Timeline } from './lib/w60-timeline';
import { printResult, round } from './lib/stats';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `shared/` sits beside the repository root (../shared); worktrees may sit one level deeper. */
function sharedBench(): string {
  const candidates = [
    process.env.REELSMITH_SHARED_DIR,
    path.resolve(repo, '../shared'),
    path.resolve(repo, '../../shared'),
  ].filter((d): d is string => typeof d === 'string');
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'bench', 'w60-assets.sh')));
  if (!found) throw new Error(`No shared/bench/w60-assets.sh in ${candidates.join(', ')}`);
  return path.join(found, 'bench');
}

/** Peak VmHWM (MiB) among this process's child ffmpeg processes while `work` runs. */
async function withPeakChildRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peakKb = 0;
  const poll = setInterval(() => {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
        if (!new RegExp(`^PPid:\\s+${process.pid}$`, 'm').test(status)) continue;
        const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
        peakKb = Math.max(peakKb, hwm);
      } catch {
        // The process ended meanwhile.
      }
    }
  }, 100);
  try {
    const value = await work();
    return { value, peakMb: peakKb / 1024 };
  } finally {
    clearInterval(poll);
  }
}

const bench = sharedBench();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-w60-'));
const assets = path.join(work, 'assets');
try {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'fonts.mjs')], { stdio: 'inherit' });
  process.stderr.write('W60: making the inputs…\n');
  execFileSync('bash', [path.join(bench, 'w60-assets.sh'), assets], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  const ffmpeg = await locateFfmpeg({ settingPath: null, env: process.env });
  const ffprobe = await locateFfprobe({ settingPath: null, env: process.env }, ffmpeg);
  const service = new RenderService({
    tools: () => Promise.resolve({ ffmpeg, ffprobe }),
    media: new PathMediaResolver(assets),
    fontsDir: path.join(repo, 'resources', 'fonts'),
    hardware: new HardwareEncoderDetector(),
    hardwareAllowed: () => false,
    log: createMemoryLogger(),
  });
  const timeline = w60Timeline(assets);

  process.stderr.write('W60: Reelsmith render…\n');
  const ours = await withPeakChildRss(() =>
    service.render({ timeline, output: path.join(work, 'reelsmith.mp4') }),
  );
  process.stderr.write(`  ${ours.value.seconds.toFixed(1)} s\n`);

  process.stderr.write('W60: reference command…\n');
  const started = Date.now();
  const baseline = spawnSync(
    'bash',
    [path.join(bench, 'w60-baseline.sh'), assets, path.join(work, 'baseline.mp4')],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (baseline.status !== 0) throw new Error('the reference command failed');
  const baselineSeconds = (Date.now() - started) / 1000;
  process.stderr.write(`  ${baselineSeconds.toFixed(1)} s\n`);

  process.stderr.write('W60: proxy preview…\n');
  const proxy = await service.render({
    timeline,
    output: path.join(work, 'proxy.mp4'),
    preset: 'proxy',
  });
  process.stderr.write(`  ${proxy.seconds.toFixed(1)} s\n`);

  printResult({
    reelsmith_s: round(ours.value.seconds, 2),
    baseline_s: round(baselineSeconds, 2),
    ratio: round(ours.value.seconds / baselineSeconds, 3),
    realtime_factor: round(ours.value.duration / ours.value.seconds, 2),
    proxy_realtime_factor: round(proxy.duration / proxy.seconds, 2),
    peak_rss_mb: round(ours.peakMb, 1),
  });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
