/**
 * The video half of the filtergraph: one chain per clip (fit, motion, timing), transitions
 * between them, logo overlays, then captions and titles through libass.
 *
 * Stills are fitted and converted to yuv420p once, on their single decoded frame, and only then
 * repeated or zoomed: the per-frame work is one zoompan scale (or nothing) at output size.
 */
import type { Clip, Overlay } from '../../../shared/timeline';
import { placeClips } from '../../../shared/timeline';
import { filterValue, num } from './filter-escape';

export interface FrameSpec {
  width: number;
  height: number;
  fps: number;
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

/** zoompan expressions for a motion over `frames` frames, on a canvas zoomed by `1 + strength`. */
function motionExpressions(clip: Clip, frames: number): { z: string; x: string; y: string } {
  const m = num(1 + clip.motion.strength);
  const p = frames > 1 ? `(on/${frames - 1})` : '0';
  const fx = num(clip.focus.x);
  const fy = num(clip.focus.y);
  const cx = `(iw-iw/zoom)*${fx}`;
  const cy = `(ih-ih/zoom)*${fy}`;
  switch (clip.motion.type) {
    case 'zoom-in':
      return { z: `1+(${m}-1)*${p}`, x: cx, y: cy };
    case 'zoom-out':
      return { z: `${m}-(${m}-1)*${p}`, x: cx, y: cy };
    case 'pan-left':
      return { z: m, x: `(iw-iw/zoom)*(1-${p})`, y: cy };
    case 'pan-right':
      return { z: m, x: `(iw-iw/zoom)*${p}`, y: cy };
    case 'pan-up':
      return { z: m, x: cx, y: `(ih-ih/zoom)*(1-${p})` };
    case 'pan-down':
      return { z: m, x: cx, y: `(ih-ih/zoom)*${p}` };
    case 'none':
      return { z: '1', x: '0', y: '0' };
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
  const e = motionExpressions(clip, frames);
  const zoompan = `zoompan=z='${e.z}':x='${e.x}':y='${e.y}':d=${clip.type === 'image' ? frames : 1}:s=${w}x${h}:fps=${num(fps)}`;
  if (clip.type === 'image') {
    const timing = moving
      ? `${zoompan},setsar=1`
      : `loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${num(fps)}*TB),fps=${num(fps)}`;
    statements.push(`[${tag}fit]format=yuv420p,${timing}[v${index}]`);
  } else {
    statements.push(
      `[${tag}fit]format=yuv420p${moving ? `,${zoompan},setsar=1` : ''},tpad=stop_mode=clone:stop_duration=${num(clip.duration)},trim=end_frame=${frames},setpts=N/(${num(fps)}*TB)[v${index}]`,
    );
  }
  return statements;
}

/** Joins `[v0]…[vN]` with cuts (concat) and xfade transitions into `[<output>]`. */
export function transitionStatements(
  clips: readonly Clip[],
  fps: number,
  output: string,
): string[] {
  const placements = placeClips(clips);
  if (clips.length === 1) return [`[v0]null[${output}]`];
  const statements: string[] = [];
  let acc = 'v0';
  clips.forEach((clip, k) => {
    if (k === 0) return;
    const previous = clips[k - 1];
    const placement = placements[k];
    if (!previous || !placement) return;
    const label = k === clips.length - 1 ? output : `x${k}`;
    if (previous.transition.type === 'cut') {
      statements.push(`[${acc}][v${k}]concat=n=2:v=1:a=0[${label}]`);
    } else {
      // Offsets on exact frame boundaries so the total is the frame count the math says.
      const offset = Math.round(placement.start * fps) / fps;
      statements.push(
        `[${acc}][v${k}]xfade=transition=${previous.transition.type}:duration=${num(previous.transition.duration)}:offset=${num(offset)}[${label}]`,
      );
    }
    acc = label;
  });
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
