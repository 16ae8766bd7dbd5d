/**
 * Montage analysis on the M10 footage (../shared/bench/M10.md): ten 60 s 1080p60 clips with one
 * loud burst and one hard cut each at known seconds.
 *
 * Cold analysis (no cache), all clips under one CPU budget (default: every core; set
 * REELSMITH_MONTAGE_CPUS). The footage is generated once by m10-footage.sh into M10_DIR
 * (default ../.cache-m10/footage beside the shared folder) and reused.
 *
 * Output: {analysis_realtime_factor, recall, peak_rss_mb, ...}; recall is the share of known
 * events the detector reports within ±0.5 s of their second.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BatchAnalyzer } from '../main/pipeline/montage/analysis/batch-analyzer';
import { MediaHasher } from '../main/pipeline/montage/analysis/media-hash';
import { cpuSecondsWithChildren, samplePeakMemory } from './lib/process-memory';
import { printResult, round } from './lib/stats';

const TOLERANCE_S = 0.5;
const repoRoot = path.resolve(import.meta.dirname, '..');

interface KnownEvents {
  file: string;
  loud_burst_s: number;
  scene_cut_s: number;
}

/** ../shared beside the repository; from a git worktree, the nearest ancestor holding it. */
function sharedDir(): string {
  const beside = path.resolve(repoRoot, '../shared');
  if (fs.existsSync(path.join(beside, 'bench/m10-footage.sh'))) return beside;
  for (let dir = path.dirname(repoRoot); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared');
    if (fs.existsSync(path.join(candidate, 'bench/m10-footage.sh'))) return candidate;
  }
  throw new Error(`No shared/bench/m10-footage.sh beside ${repoRoot} or above it.`);
}

function footage(): { dir: string; events: KnownEvents[] } {
  const shared = sharedDir();
  const dir = process.env.M10_DIR ?? path.resolve(shared, '../.cache-m10/footage');
  const eventsFile = path.join(dir, 'events.json');
  const ready = () => {
    try {
      const events = JSON.parse(fs.readFileSync(eventsFile, 'utf8')) as KnownEvents[];
      return events.length === 10 && events.every((e) => fs.existsSync(path.join(dir, e.file)))
        ? events
        : null;
    } catch {
      return null;
    }
  };
  let events = ready();
  if (!events) {
    process.stderr.write(`Generating M10 footage into ${dir} (takes minutes; reused next time)\n`);
    execFileSync('bash', [path.join(shared, 'bench/m10-footage.sh'), dir], { stdio: 'inherit' });
    events = ready();
    if (!events) throw new Error(`m10-footage.sh did not produce ${eventsFile}`);
  }
  return { dir, events };
}

const { dir, events } = footage();
const files = events.map((e) => path.join(dir, e.file));
const cpuSlots = Number(process.env.REELSMITH_MONTAGE_CPUS) || os.availableParallelism();
const analyzer = new BatchAnalyzer(
  { ffmpeg: process.env.FFMPEG_BIN ?? 'ffmpeg', ffprobe: process.env.FFPROBE_BIN ?? 'ffprobe' },
  new MediaHasher(),
  null,
);

const memory = samplePeakMemory();
const cpuBefore = cpuSecondsWithChildren();
const start = process.hrtime.bigint();
const outcomes = await analyzer.analyze(files, { cpuSlots });
const analysisS = Number(process.hrtime.bigint() - start) / 1e9;
const peakMb = memory.stop();
const cpuAfter = cpuSecondsWithChildren();
const cpuS = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;

let footageS = 0;
let found = 0;
let falseEvents = 0;
let decodedGops = 0;
events.forEach((known, i) => {
  const outcome = outcomes[i];
  if (outcome?.status !== 'ok') {
    process.stderr.write(`${known.file}: skipped (${outcome?.reason ?? 'missing'})\n`);
    return;
  }
  const { analysis } = outcome;
  footageS += analysis.durationS;
  decodedGops += analysis.work.decodedIntervals;
  const near = (kind: 'loud' | 'cut', t: number) =>
    analysis.events.some((e) => e.kind === kind && Math.abs(e.t - t) <= TOLERANCE_S);
  const loud = near('loud', known.loud_burst_s);
  const cut = near('cut', known.scene_cut_s);
  found += Number(loud) + Number(cut);
  falseEvents += analysis.events.filter(
    (e) =>
      (e.kind === 'loud' && Math.abs(e.t - known.loud_burst_s) > TOLERANCE_S) ||
      (e.kind === 'cut' && Math.abs(e.t - known.scene_cut_s) > TOLERANCE_S),
  ).length;
  const times = analysis.events
    .filter((e) => e.kind !== 'motion')
    .map((e) => `${e.kind}@${e.t.toFixed(2)}`)
    .join(' ');
  process.stderr.write(
    `${known.file}: burst ${String(known.loud_burst_s)} ${loud ? 'found' : 'MISSED'}, cut ${String(known.scene_cut_s)} ${cut ? 'found' : 'MISSED'} [${times}]\n`,
  );
});

printResult({
  analysis_realtime_factor: round(footageS / analysisS, 2),
  recall: round(found / (events.length * 2), 3),
  peak_rss_mb: round(peakMb, 1),
  footage_s: round(footageS, 1),
  analysis_s: round(analysisS, 2),
  cpu_slots: cpuSlots,
  /** Footage seconds per CPU second (Node + ffmpeg): the method's cost, whatever the load. */
  cpu_s: cpuS === null ? null : round(cpuS, 2),
  footage_per_cpu_s: cpuS ? round(footageS / cpuS, 1) : null,
  false_events: falseEvents,
  decoded_gops: decodedGops,
  load_average_1m: round(os.loadavg()[0] ?? 0, 2),
});
