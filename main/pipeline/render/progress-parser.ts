/**
 * Reads ffmpeg's `-progress pipe:1` stream (blocks of key=value lines ending in
 * `progress=continue|end`) into percent, fps, speed and ETA.
 */

export interface RenderProgress {
  /** 0–100. */
  percent: number;
  /** Output seconds written so far. */
  outSeconds: number;
  fps: number | null;
  /** Multiple of real time (2 = two seconds of video per second). */
  speed: number | null;
  /** Seconds left, estimated from the speed so far; null until known. */
  etaSeconds: number | null;
  done: boolean;
}

export class ProgressParser {
  private buffer = '';
  private block = new Map<string, string>();
  private readonly startedAt: number;

  constructor(
    private readonly totalSeconds: number,
    private readonly onProgress: (progress: RenderProgress) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
      newline = this.buffer.indexOf('\n');
    }
  }

  private line(line: string): void {
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (key !== 'progress') {
      this.block.set(key, value);
      return;
    }
    const block = this.block;
    this.block = new Map();
    // out_time_us is the reliable one (out_time_ms is also microseconds, for historical reasons).
    const us = Number(block.get('out_time_us') ?? block.get('out_time_ms'));
    const outSeconds = Number.isFinite(us) && us > 0 ? us / 1e6 : 0;
    const done = value === 'end';
    const fraction = done ? 1 : Math.min(1, outSeconds / Math.max(this.totalSeconds, 1e-6));
    const fps = Number(block.get('fps'));
    const speed = Number.parseFloat(block.get('speed') ?? '');
    const elapsed = (this.now() - this.startedAt) / 1000;
    const etaSeconds = done
      ? 0
      : fraction > 0.001 && elapsed > 0
        ? (elapsed * (1 - fraction)) / fraction
        : null;
    this.onProgress({
      percent: Math.round(fraction * 1000) / 10,
      outSeconds,
      fps: Number.isFinite(fps) && fps > 0 ? fps : null,
      speed: Number.isFinite(speed) && speed > 0 ? speed : null,
      etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds * 10) / 10,
      done,
    });
  }
}
