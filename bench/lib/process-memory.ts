/**
 * Peak memory of this process and its child processes (ffmpeg), sampled from /proc on Linux.
 * `process.resourceUsage().maxRSS` only covers Node itself; analysis memory is mostly ffmpeg's.
 */
import fs from 'node:fs';

function kb(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match?.[1] ? Number(match[1]) : 0;
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${String(pid)}/task`)
      .flatMap((tid) =>
        fs
          .readFileSync(`/proc/${String(pid)}/task/${tid}/children`, 'utf8')
          .trim()
          .split(/\s+/),
      )
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Starts sampling; `stop()` returns the peak of (Node RSS + children RSS) in MB. */
export function samplePeakMemory(intervalMs = 50): { stop: () => number } {
  let peakKb = 0;
  const sample = () => {
    let total = process.memoryUsage.rss() / 1024;
    for (const pid of childPids(process.pid)) {
      try {
        total += kb(fs.readFileSync(`/proc/${String(pid)}/status`, 'utf8'), 'VmRSS');
      } catch {
        // The child ended between listing and reading.
      }
    }
    peakKb = Math.max(peakKb, total);
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Math.max(peakKb, process.resourceUsage().maxRSS) / 1024;
    },
  };
}

/**
 * CPU seconds used by this process and its waited-for children (ffmpeg) so far, from
 * /proc/self/stat (utime, stime, cutime, cstime); null off Linux.
 */
export function cpuSecondsWithChildren(): number | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", index 0 is field 3 of proc(5): fields 14–17 are indexes 11–14.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    return ticks / 100;
  } catch {
    return null;
  }
}
