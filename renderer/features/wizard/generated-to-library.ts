/**
 * Brings a finished generation into the library so the editor can work on it.
 *
 * When generation already writes its projects into the library (`projects.get` knows the id),
 * this only returns that id. Otherwise it creates a library project with one segment per
 * generated segment (text, prompt, length, word timings) and remembers the generated files per
 * segment in `settings.generated`, which the editor's timeline reads.
 */
import type { Client } from '../../../shared/contract/client';
import type {
  GeneratedProject,
  GeneratedSegment,
} from '../../../shared/contract/generate.contract';
import { AppError } from '../../../shared/errors';

/** Silence after each voice before the next segment (as generation times its captions). */
const SEGMENT_GAP_SEC = 0.25;
const MOTIONS = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left'] as const;

export function segmentDurationMs(segment: GeneratedSegment): number {
  const voice = segment.voices.at(-1)?.durationSec;
  const seconds = voice == null ? segment.plannedDurationSec : voice + SEGMENT_GAP_SEC;
  return Math.max(100, Math.round(seconds * 1000));
}

export async function libraryProjectFor(client: Client, generatedId: string): Promise<string> {
  try {
    const existing = await client.call('projects.get', { id: generatedId });
    if (existing.segments.length > 0) return existing.id;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
  }
  return copyIntoLibrary(client, await client.call('generate.project', { projectId: generatedId }));
}

async function copyIntoLibrary(client: Client, generated: GeneratedProject): Promise<string> {
  const title = (generated.title ?? generated.idea).slice(0, 120) || 'Untitled project';
  const project = await client.call('projects.create', {
    title,
    idea: generated.idea.slice(0, 10_000),
  });
  const media: Record<string, { index: number; image: string | null; voice: string | null }> = {};
  let durationMs = 0;
  for (const [i, segment] of generated.segments.entries()) {
    const duration = segmentDurationMs(segment);
    durationMs += duration;
    const created = await client.call('segments.create', {
      projectId: project.id,
      text: segment.text,
      imagePrompt: segment.imagePrompt,
      durationMs: duration,
      motion: MOTIONS[i % MOTIONS.length] ?? 'zoom-in',
      transition: 'fade',
      wordTimings: segment.words
        ? segment.words.map((w) => ({
            word: w.word,
            startMs: Math.round(w.start * 1000),
            endMs: Math.round(Math.max(w.start, w.end) * 1000),
          }))
        : null,
    });
    media[created.id] = {
      index: i,
      image: segment.images.at(-1)?.path ?? null,
      voice: segment.voices.at(-1)?.path ?? null,
    };
  }
  await client.call('projects.update', {
    id: project.id,
    patch: {
      status: 'ready',
      script: generated.segments
        .map((s) => s.text)
        .join('\n\n')
        .slice(0, 100_000),
      settings: {
        generated: { projectId: generated.id, style: generated.style, media },
        durationMs,
        captionPreset: 'karaoke',
      },
    },
  });
  return project.id;
}
