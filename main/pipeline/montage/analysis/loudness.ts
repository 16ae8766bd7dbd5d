/**
 * Loudness curves from PCM, after ITU-R BS.1770: K-weighting (a high shelf and a high pass),
 * then mean square over sliding windows, in LUFS.
 *
 * The analysis downmixes to mono before weighting where BS.1770 sums the channels' powers: for
 * finding "louder than the rest of this clip" the difference does not matter, and it halves
 * the work.
 */

export interface LoudnessCurve {
  /** Seconds between values; value i describes the window centred on `i * hopS`. */
  hopS: number;
  windowS: number;
  /** LUFS per step; -120 for digital silence. */
  lufs: Float32Array;
}

const SILENCE_LUFS = -120;

/** Applies the BS.1770 K-weighting filter, with coefficients derived for any sample rate. */
export function kWeight(samples: Float32Array, sampleRate: number): Float32Array {
  // Stage 1: high shelf (+4 dB above ~1.7 kHz), the head's acoustic effect.
  let K = Math.tan((Math.PI * 1681.974450955533) / sampleRate);
  const Q1 = 0.7071752369554196;
  const Vh = Math.pow(10, 3.999843853973347 / 20);
  const Vb = Math.pow(Vh, 0.4996667741545416);
  let a0 = 1 + K / Q1 + K * K;
  const shelf = {
    b0: (Vh + (Vb * K) / Q1 + K * K) / a0,
    b1: (2 * (K * K - Vh)) / a0,
    b2: (Vh - (Vb * K) / Q1 + K * K) / a0,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q1 + K * K) / a0,
  };
  // Stage 2: high pass at ~38 Hz (RLB weighting).
  K = Math.tan((Math.PI * 38.13547087602444) / sampleRate);
  const Q2 = 0.5003270373238773;
  a0 = 1 + K / Q2 + K * K;
  const highPass = {
    b0: 1,
    b1: -2,
    b2: 1,
    a1: (2 * (K * K - 1)) / a0,
    a2: (1 - K / Q2 + K * K) / a0,
  };
  return biquad(biquad(samples, shelf), highPass);
}

interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function biquad(input: Float32Array, f: Biquad): Float32Array {
  const out = new Float32Array(input.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const x = input[i] ?? 0;
    const y = f.b0 * x + f.b1 * x1 + f.b2 * x2 - f.a1 * y1 - f.a2 * y2;
    out[i] = y;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
  }
  return out;
}

/** Mean square of `weighted` in consecutive blocks of `blockS` seconds (the last may be short). */
export function blockPower(
  weighted: Float32Array,
  sampleRate: number,
  blockS: number,
): Float64Array {
  const size = Math.max(1, Math.round(blockS * sampleRate));
  const count = Math.ceil(weighted.length / size);
  const power = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    const end = Math.min(weighted.length, (b + 1) * size);
    let sum = 0;
    for (let i = b * size; i < end; i++) {
      const v = weighted[i] ?? 0;
      sum += v * v;
    }
    power[b] = sum / Math.max(1, end - b * size);
  }
  return power;
}

export function powerToLufs(power: number): number {
  return power > 1e-12 ? -0.691 + 10 * Math.log10(power) : SILENCE_LUFS;
}

/**
 * Momentary loudness (400 ms windows) every `hopS` seconds, each window centred on its time
 * so a sudden burst at second s shows its rise around s rather than 200 ms later.
 */
export function momentaryLoudness(
  samples: Float32Array,
  sampleRate: number,
  hopS = 0.1,
  windowS = 0.4,
): LoudnessCurve {
  const blockS = hopS / 2;
  return loudnessFromBlocks(
    blockPower(kWeight(samples, sampleRate), sampleRate, blockS),
    hopS,
    windowS,
  );
}

/** The momentary curve from K-weighted block powers of `hopS / 2` seconds each. */
export function loudnessFromBlocks(
  power: Float64Array,
  hopS: number,
  windowS = 0.4,
): LoudnessCurve {
  const blockS = hopS / 2;
  const half = Math.round(windowS / blockS / 2);
  const steps = Math.ceil(power.length / 2);
  const lufs = new Float32Array(steps);
  for (let i = 0; i < steps; i++) {
    const centre = i * 2;
    const from = Math.max(0, centre - half);
    const to = Math.min(power.length, centre + half);
    let sum = 0;
    for (let b = from; b < to; b++) sum += power[b] ?? 0;
    lufs[i] = powerToLufs(sum / Math.max(1, to - from));
  }
  return { hopS, windowS, lufs };
}
