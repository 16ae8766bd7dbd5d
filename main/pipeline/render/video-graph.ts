/**
 * The video half of the filtergraph: one chain per clip (fit, motion, timing), transitions
 * between them, logo overlays, then captions and titles through libass.
 *
 * Stills are fitted and converted to yuv420p once, on their single decoded frame, and only then
 * repeated and moved: the per-frame work is one scale at about output size for a zoom, and
 * nothing for a pan or a still picture (a crop only moves the plane pointers).
 */
import type { Clip, Overlay } from '../../../shared/timeline';
import { placeClips } from '../../../shared/timeline';
import { filterValue, num } from './filter-escape';

export interface FrameSpec {
  width: number;
  height: number;
  fps: number;
  /** Draft quality (proxy previews): cheaper scaling for motion. */
  draft?: boolean;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** Frames a clip of `duration` seconds spans at `fps` (at least one). */
export function frameCount(duration: number, fps: number): number {
  return Math.max(1, Math.round(duration * fps));
}

/** Statements that fit `[input]` into a w×h frame as `[output]`. */
export function fitStatements(
  clip: Pick<Clip, 'fit' | 'focus'>,
  input: string,
  output: string,
  w: number,
  h: number,
  tag: string,
): string[] {
  const cover = `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h}:(iw-${w})*${num(clip.focus.x)}:(ih-${h})*${num(clip.focus.y)}`;
  const contain = `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2`;
  switch (clip.fit) {
    case 'cover':
      return [`[${input}]${cover},setsar=1[${output}]`];
    case 'contain':
      return [
        `[${input}]${contain},pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1[${output}]`,
      ];
    case 'blur': {
      // Blur a small copy: as soft, and about 60 times less work than blurring at full size.
      const bw = even(w / 8);
      const bh = even(h / 8);
      // boxblur refuses a radius over half the (chroma) plane: tiny proxies need a smaller one.
      const luma = Math.max(1, Math.min(6, Math.floor(Math.min(bw, bh) / 2) - 1));
      const chroma = Math.max(0, Math.min(luma, Math.floor(Math.min(bw, bh) / 4) - 1));
      return [
        `[${input}]split=2[${tag}b][${tag}f]`,
        `[${tag}b]scale=${bw}:${bh}:force_original_aspect_ratio=increase,crop=${bw}:${bh},boxblur=luma_radius=${luma}:luma_power=2:chroma_radius=${chroma}:chroma_power=2,scale=${w}:${h},setsar=1[${tag}bg]`,
        `[${tag}f]${contain},setsar=1[${tag}fg]`,
        `[${tag}bg][${tag}fg]overlay=(W-w)/2:(H-h)/2,setsar=1[${output}]`,
      ];
    }
  }
}

/**
 * The motion of a clip as filters on its fitted canvas (`cw`×`ch`, the output zoomed by
 * `1 + strength`), producing exactly the output size on every frame.
 *
 * Zooms scale the whole canvas to a size that grows (or shrinks) with the frame number and crop
 * the output out of it around the focus point; pans only move a crop. Unlike zoompan (which
 * truncates its crop window and the chroma offsets to whole source pixels, so the picture
 * wobbles), every frame is within half a pixel of the exact zoom, which also makes the result
 * much cheaper for x264 to encode: it predicts a smooth zoom well and a wobbling one badly.
 */
export function motionFilters(
  clip: Pick<Clip, 'motion' | 'focus'>,
  frames: number,
  canvas: { width: number; height: number },
  out: { width: number; height: number; draft?: boolean },
): string[] {
  const { width: w, height: h } = out;
  const { width: cw, height: ch } = canvas;
  const m = 1 + clip.motion.strength;
  const p = frames > 1 ? `n/${frames - 1}` : '0';
  const fx = num(clip.focus.x);
  const fy = num(clip.focus.y);
  const crop = (x: string, y: string) => `crop=${w}:${h}:x='${x}':y='${y}':exact=1`;
  switch (clip.motion.type) {
    case 'none':
      return [];
    case 'zoom-in':
    case 'zoom-out': {
      // The canvas scaled by k = zoom / (1 + strength): 1/m … 1 as the zoom goes 1 … m.
      const k =
        clip.motion.type === 'zoom-in'
          ? `(${num(1 / m)}+${num(1 - 1 / m)}*${p})`
          : `(1-${num(1 - 1 / m)}*${p})`;
      const sw = `max(${w},round(${cw}*${k}))`;
      const sh = `max(${h},round(${ch}*${k}))`;
      return [
        `scale=w='${sw}':h='${sh}':eval=frame:flags=${out.draft === true ? 'fast_bilinear' : 'bicubic'}`,
        crop(`round((${sw}-${w})*${fx})`, `round((${sh}-${h})*${fy})`),
      ];
    }
    case 'pan-left':
      return [crop(`round(${cw - w}*(1-${p}))`, `round(${ch - h}*${fy})`)];
    case 'pan-right':
      return [crop(`round(${cw - w}*${p})`, `round(${ch - h}*${fy})`)];
    case 'pan-up':
      return [crop(`round(${cw - w}*${fx})`, `round(${ch - h}*(1-${p}))`)];
    case 'pan-down':
      return [crop(`round(${cw - w}*${fx})`, `round(${ch - h}*${p})`)];
  }
}

/** The statements producing `[v<index>]`: exactly the clip's frames at the output size. */
export function clipStatements(
  clip: Clip,
  index: number,
  inputIndex: number,
  out: FrameSpec,
): string[] {
  const { width: w, height: h, fps } = out;
  const frames = frameCount(clip.duration, fps);
  const moving = clip.motion.type !== 'none' && clip.motion.strength > 0;
  const zoom = 1 + (moving ? clip.motion.strength : 0);
  const cw = even(w * zoom);
  const ch = even(h * zoom);
  const tag = `c${index}`;
  const statements: string[] = [];
  const source =
    clip.type === 'video'
      ? `[${inputIndex}:v]setpts=(PTS-STARTPTS)/${num(clip.speed)},fps=${num(fps)}[${tag}in]`
      : `[${inputIndex}:v]null[${tag}in]`;
  statements.push(source);
  statements.push(...fitStatements(clip, `${tag}in`, `${tag}fit`, cw, ch, tag));
  // A draft (proxy) moves a still on every second frame and repeats each moved frame once:
  // half the scaling, and x264 codes a repeated frame as skipped blocks. Same start and end
  // framing and the same frame count; only the motion is coarser.
  const halfRate = out.draft === true && moving && clip.type === 'image' && frames > 2;
  const stepFrames = halfRate ? Math.ceil(frames / 2) : frames;
  const stepFps = halfRate ? fps / 2 : fps;
  const motion = moving
    ? motionFilters(
        clip,
        stepFrames,
        { width: cw, height: ch },
        { width: w, height: h, draft: out.draft },
      )
    : [];
  // Say yuv420p again after a zoom, or format negotiation may make its scale convert every frame.
  const pin = motion.length > 0 ? ['format=yuv420p'] : [];
  const repeat = halfRate ? [`fps=${num(fps)}`, `trim=end_frame=${frames}`] : [];
  const timing =
    clip.type === 'image'
      ? // A still is decoded, fitted and converted once; its frames are references to that one.
        // (microsecond timestamps first: N/fps in the image's 1/25 time base would round.)
        [
          `loop=loop=${stepFrames - 1}:size=1:start=0`,
          'settb=AVTB',
          `setpts=N/(${num(stepFps)}*TB)`,
          `fps=${num(stepFps)}`,
        ]
      : [
          `tpad=stop_mode=clone:stop_duration=${num(clip.duration)}`,
          `trim=end_frame=${frames}`,
          `setpts=N/(${num(fps)}*TB)`,
        ];
  statements.push(
    `[${tag}fit]${['format=yuv420p', ...timing, ...motion, ...pin, ...repeat, 'setsar=1'].join(',')}[v${index}]`,
  );
  return statements;
}

/** Where clip `k` sits in output frames, and how many frames it shares with its neighbours. */
interface FramePlacement {
  frames: number;
  /** Frames shared with the previous clip (its transition into this one). */
  overlapIn: number;
  /** Frames shared with the next clip (0 for a cut and for the last clip). */
  overlapOut: number;
}

/**
 * Clips in whole output frames: a transition starts on the frame boundary nearest to where the
 * timeline math puts the next clip, so the total is the frame count the math says.
 */
export function placeFrames(clips: readonly Clip[], fps: number): FramePlacement[] {
  const seconds = placeClips(clips);
  const placements: FramePlacement[] = [];
  let end = 0;
  clips.forEach((clip, k) => {
    const frames = frameCount(clip.duration, fps);
    const previous = k > 0 ? clips[k - 1] : undefined;
    let start = end;
    if (previous && previous.transition.type !== 'cut') {
      start = Math.min(end, Math.round((seconds[k]?.start ?? 0) * fps));
    }
    const prior = placements[k - 1];
    if (prior) prior.overlapOut = end - start;
    placements.push({ frames, overlapIn: end - start, overlapOut: 0 });
    end = start + frames;
  });
  return placements;
}

/**
 * Joins `[v0]…[vN]` with cuts and xfade transitions into `[<output>]`.
 *
 * xfade only works in 4:4:4 and RGB formats, so a chain of xfades would convert every frame of
 * the video to yuv444p and back. Instead each clip is split (frame references, no copies) into
 * the part it shares with the previous clip, its own middle, and the part it shares with the
 * next; only the shared parts go through xfade, and all the pieces are concatenated in
 * yuv420p. When a clip is so short that its two transitions overlap, the plain chain is used.
 */
export function transitionStatements(
  clips: readonly Clip[],
  fps: number,
  output: string,
): string[] {
  if (clips.length === 1) return [`[v0]null[${output}]`];
  const placements = placeFrames(clips, fps);
  const overlapping = placements.some((p) => p.overlapIn + p.overlapOut > p.frames);
  if (overlapping) return chainedTransitions(clips, placements, fps, output);

  const statements: string[] = [];
  const segments: string[] = [];
  const range = (a: number, b: number) =>
    `trim=start_frame=${a}:end_frame=${b},setpts=PTS-STARTPTS`;
  placements.forEach((p, k) => {
    const pieces: { label: string; filter: string }[] = [];
    const middle = p.frames - p.overlapIn - p.overlapOut;
    if (p.overlapIn > 0) pieces.push({ label: `h${k}`, filter: range(0, p.overlapIn) });
    if (middle > 0) {
      pieces.push({ label: `m${k}`, filter: range(p.overlapIn, p.overlapIn + middle) });
    }
    if (p.overlapOut > 0) {
      pieces.push({ label: `t${k}`, filter: range(p.frames - p.overlapOut, p.frames) });
    }
    if (pieces.length === 1 && p.overlapIn === 0 && p.overlapOut === 0) {
      segments.push(`v${k}`);
    } else {
      statements.push(
        `[v${k}]split=${pieces.length}${pieces.map((x) => `[${x.label}s]`).join('')}`,
      );
      pieces.forEach((x) => statements.push(`[${x.label}s]${x.filter}[${x.label}]`));
      if (middle > 0) segments.push(`m${k}`);
    }
    if (p.overlapOut > 0) {
      const type = clips[k]?.transition.type ?? 'fade';
      statements.push(
        `[t${k}][h${k + 1}]xfade=transition=${type}:duration=${num(p.overlapOut / fps)}:offset=0,format=yuv420p[x${k}]`,
      );
      segments.push(`x${k}`);
    }
  });
  statements.push(
    `${segments.map((x) => `[${x}]`).join('')}concat=n=${segments.length}:v=1:a=0,setpts=N/(${num(fps)}*TB)[${output}]`,
  );
  return statements;
}

/** Each clip joined to everything before it (xfade over the whole video so far). */
function chainedTransitions(
  clips: readonly Clip[],
  placements: readonly FramePlacement[],
  fps: number,
  output: string,
): string[] {
  const statements: string[] = [];
  let acc = 'v0';
  let end = placements[0]?.frames ?? 0;
  clips.forEach((clip, k) => {
    const previous = clips[k - 1];
    const placement = placements[k];
    if (k === 0 || !previous || !placement) return;
    const label = k === clips.length - 1 ? `${output}444` : `x${k}`;
    const start = end - placement.overlapIn;
    if (placement.overlapIn === 0) {
      statements.push(`[${acc}][v${k}]concat=n=2:v=1:a=0[${label}]`);
    } else {
      statements.push(
        `[${acc}][v${k}]xfade=transition=${previous.transition.type}:duration=${num(placement.overlapIn / fps)}:offset=${num(start / fps)}[${label}]`,
      );
    }
    end = start + placement.frames;
    acc = label;
  });
  statements.push(`[${acc}]format=yuv420p[${output}]`);
  return statements;
}

/** Logo overlays: `[input]` → `[output]`, each logo scaled once and shown in its time range. */
export function logoStatements(
  overlays: readonly { overlay: Extract<Overlay, { type: 'image' }>; inputIndex: number }[],
  out: FrameSpec,
  input: string,
  output: string,
): string[] {
  if (overlays.length === 0) return [`[${input}]null[${output}]`];
  const statements: string[] = [];
  let acc = input;
  overlays.forEach(({ overlay, inputIndex }, k) => {
    const lw = even(out.width * overlay.width);
    const alpha = overlay.opacity < 1 ? `,colorchannelmixer=aa=${num(overlay.opacity)}` : '';
    statements.push(`[${inputIndex}:v]scale=${lw}:-2,format=rgba${alpha}[lg${k}]`);
    const label = k === overlays.length - 1 ? output : `lo${k}`;
    const x = `${num(out.width * overlay.x)}-w/2`;
    const y = `${num(out.height * overlay.y)}-h/2`;
    statements.push(
      `[${acc}][lg${k}]overlay=x=${x}:y=${y}:eof_action=repeat:enable='between(t,${num(overlay.start)},${num(overlay.end)})'[${label}]`,
    );
    acc = label;
  });
  return statements;
}

/** Captions and titles drawn by libass with the bundled fonts. */
export function assStatement(
  input: string,
  output: string,
  assPath: string,
  fontsDir: string,
): string {
  return `[${input}]ass=filename=${filterValue(assPath)}:fontsdir=${filterValue(fontsDir)},format=yuv420p[${output}]`;
}
