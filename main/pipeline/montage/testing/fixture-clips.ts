/**
 * Tiny generated clips with known events, for the montage tests (320×180, 10 s, 30 fps, a
 * keyframe every 2 s and no scene-cut keyframes, as screen recorders write).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const FFMPEG = process.env.FFMPEG_BIN ?? 'ffmpeg';
export const FFPROBE = process.env.FFPROBE_BIN ?? 'ffprobe';
export const TOOLS = { ffmpeg: FFMPEG, ffprobe: FFPROBE };

// prettier-ignore
const ENCODE = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-keyint_min', '60', '-sc_threshold', '0', '-pix_fmt', 'yuv420p'];

function ffmpeg(args: string[]): void {
  execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'pipe' });
}

/** Known events of `eventsClip`. */
export const EVENTS_CLIP = { burstS: 2.5, burstLengthS: 1, cutS: 5 } as const;

/**
 * 10 s: moving test pattern, then colour bars from the cut (inside a GOP); quiet noise with a
 * loud 1 s tone burst. Defaults: `EVENTS_CLIP`.
 */
export function eventsClip(
  dir: string,
  events: { burstS: number; cutS: number; name?: string } = EVENTS_CLIP,
): string {
  const file = path.join(dir, events.name ?? 'events.mp4');
  const { burstS, cutS } = events;
  const { burstLengthS } = EVENTS_CLIP;
  // prettier-ignore
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=s=320x180:r=30:d=${String(cutS)}`,
    '-f', 'lavfi', '-i', `smptehdbars=s=320x180:r=30:d=${String(10 - cutS)}`,
    '-f', 'lavfi', '-i', 'anoisesrc=c=pink:a=0.01:d=10:seed=3:r=48000',
    '-f', 'lavfi', '-i', `sine=f=440:d=${String(burstLengthS)}:r=48000,volume=0.8,adelay=${String(burstS * 1000)}:all=1,apad=whole_dur=10`,
    '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v];[2:a][3:a]amix=inputs=2:normalize=0,atrim=0:10[a]',
    '-map', '[v]', '-map', '[a]', ...ENCODE, '-c:a', 'aac', '-b:a', '64k', file,
  ]);
  return file;
}

/**
 * Known cut of `silentClip`: to the same pattern in negative, which costs the encoder about the
 * same bits, so packets cannot place it and the GOP is decoded.
 */
export const SILENT_CLIP = { cutS: 3 } as const;

/** 8 s of video without an audio stream: test pattern, then its negative from 3 s. */
export function silentClip(dir: string): string {
  const file = path.join(dir, 'no-audio.mp4');
  const { cutS } = SILENT_CLIP;
  // prettier-ignore
  ffmpeg([
    '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=30:d=8',
    '-filter_complex', `[0:v]split[a][b];[a]trim=0:${String(cutS)}[a1];[b]trim=${String(cutS)}:8,setpts=PTS-STARTPTS,negate,hue=h=90[b1];[a1][b1]concat=n=2:v=1:a=0[v]`,
    '-map', '[v]', ...ENCODE, file,
  ]);
  return file;
}

/** Bytes that are no video at all, named like one. */
export function corruptClip(dir: string): string {
  const file = path.join(dir, 'corrupt.mp4');
  const bytes = Buffer.alloc(64 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251;
  fs.writeFileSync(file, bytes);
  return file;
}

/** A click track: 20 ms 1 kHz clicks at `bpm`, starting at `firstS`. */
export function clickTrack(dir: string, bpm: number, seconds = 12, firstS = 0.2): string {
  const file = path.join(dir, `click-${String(bpm)}.wav`);
  const period = 60 / bpm;
  // prettier-ignore
  ffmpeg([
    '-f', 'lavfi',
    '-i', `aevalsrc=0.8*sin(2*PI*1000*t)*lt(mod(t-${String(firstS)}\\,${String(period)})\\,0.02)*gte(t\\,${String(firstS)}):s=44100:d=${String(seconds)}`,
    file,
  ]);
  return file;
}

/**
 * The events clip in other shapes recorders produce: VP9 + Opus in WebM, a rotation tag, and
 * variable frame rate (30 fps for 3 s, then 15 fps, so its cut moves to 7 s).
 */
export function variantClips(
  dir: string,
  source: string,
): { webm: string; rotated: string; vfr: string } {
  const webm = path.join(dir, 'events.webm');
  const rotated = path.join(dir, 'rotated.mp4');
  const vfr = path.join(dir, 'vfr.mp4');
  // prettier-ignore
  ffmpeg(['-i', source, '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-g', '60', '-b:v', '300k', '-c:a', 'libopus', '-b:a', '48k', webm]);
  ffmpeg(['-i', source, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
  // prettier-ignore
  ffmpeg(['-i', source, '-vf', "setpts='if(lt(N\\,90)\\,N/30\\,3+(N-90)/15)/TB'", '-fps_mode', 'vfr', ...ENCODE, '-c:a', 'copy', vfr]);
  return { webm, rotated, vfr };
}

/** Where `variantClips`' VFR clip has its cut (frame 150 of the source, at 3 + 60/15 s). */
export const VFR_CUT_S = 7;

/**
 * `seconds` of one solid colour (landscape 320×180, 30 fps) with a steady `freq` Hz tone, for
 * finding cuts in a rendered montage by colour.
 */
export function solidClip(
  dir: string,
  name: string,
  color: string,
  seconds = 8,
  freq = 3000,
): string {
  const file = path.join(dir, name);
  // prettier-ignore
  ffmpeg([
    '-f', 'lavfi', '-i', `color=c=${color}:s=320x180:r=30:d=${String(seconds)}`,
    '-f', 'lavfi', '-i', `sine=f=${String(freq)}:d=${String(seconds)}:r=48000,volume=0.5`,
    ...ENCODE, '-c:a', 'aac', '-b:a', '64k', '-shortest', file,
  ]);
  return file;
}

/** 4 s, left half red and right half blue (320×180): which half a vertical crop keeps shows. */
export function halvesClip(dir: string): string {
  const file = path.join(dir, 'halves.mp4');
  // prettier-ignore
  ffmpeg([
    '-f', 'lavfi', '-i', 'color=c=red:s=320x180:r=30:d=4',
    '-f', 'lavfi', '-i', 'color=c=blue:s=160x180:r=30:d=4',
    '-filter_complex', '[0:v][1:v]overlay=x=160:y=0[v]', '-map', '[v]', ...ENCODE, file,
  ]);
  return file;
}
