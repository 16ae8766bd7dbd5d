/**
 * Parsing a timeline from untrusted JSON, with errors that name the field.
 *
 * Zod checks the shape; `checkTimeline` adds the rules that span fields (a transition cannot be
 * longer than the clips it joins, overlays must sit inside the video).
 */
import type { z } from 'zod';
import { AppError } from '../errors';
import { placeClips, timelineDuration } from './timeline-math';
import { Timeline } from './timeline.schema';

export interface TimelineIssue {
  path: string;
  message: string;
}

function issuesOf(error: z.ZodError): TimelineIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : 'timeline',
    message: issue.message,
  }));
}

/** Rules across fields that zod's per-field checks cannot express. */
export function checkTimeline(timeline: Timeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const { clips } = timeline;
  placeClips(clips).forEach((placement, index) => {
    const clip = clips[index];
    const next = clips[index + 1];
    if (!clip || !next || placement.overlapOut === 0) return;
    if (placement.overlapOut >= clip.duration || placement.overlapOut >= next.duration) {
      issues.push({
        path: `clips.${index}.transition.duration`,
        message: `a ${placement.overlapOut}s transition must be shorter than both clips it joins (${clip.duration}s and ${next.duration}s)`,
      });
    }
  });
  clips.forEach((clip, index) => {
    if (clip.type === 'image' && clip.audio.keep) {
      issues.push({ path: `clips.${index}.audio.keep`, message: 'an image has no sound to keep' });
    }
  });
  const total = timelineDuration(timeline);
  timeline.overlays.forEach((overlay, index) => {
    if (overlay.start >= total) {
      issues.push({
        path: `overlays.${index}.start`,
        message: `starts at ${overlay.start}s, after the video ends (${total.toFixed(3)}s)`,
      });
    }
  });
  return issues;
}

/**
 * Parses and checks a timeline; throws VALIDATION naming every bad field.
 */
export function parseTimeline(input: unknown): Timeline {
  const parsed = Timeline.safeParse(input);
  const issues = parsed.success ? checkTimeline(parsed.data) : issuesOf(parsed.error);
  if (!parsed.success || issues.length > 0) {
    throw new AppError(
      'VALIDATION',
      `Invalid timeline: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { details: issues },
    );
  }
  return parsed.data;
}
