/**
 * Projects made by the idea wizard before generation moved into the library keep their
 * generated files in `settings.generated` (segment id → the generated segment's index and
 * current image/voice paths). These helpers read and change that record.
 */
import type { ProjectDetail } from '../../../shared/contract/projects.contract';

export interface GeneratedEntry {
  index: number;
  image: string | null;
  voice: string | null;
}

export interface GeneratedInfo {
  projectId: string;
  media: Record<string, GeneratedEntry>;
}

export function generatedInfo(project: Pick<ProjectDetail, 'settings'>): GeneratedInfo | null {
  const g = project.settings.generated;
  if (!g || typeof g !== 'object') return null;
  const { projectId, media } = g as { projectId?: unknown; media?: unknown };
  if (typeof projectId !== 'string' || !media || typeof media !== 'object') return null;
  return { projectId, media: media as Record<string, GeneratedEntry> };
}

/** The settings with one segment's generated image or voice path replaced. */
export function withGeneratedFile(
  project: Pick<ProjectDetail, 'settings'>,
  segmentId: string,
  what: 'image' | 'voice',
  path: string,
): Record<string, unknown> | null {
  const info = generatedInfo(project);
  const entry = info?.media[segmentId];
  if (!info || !entry) return null;
  return {
    ...project.settings,
    generated: {
      ...(project.settings.generated as object),
      media: { ...info.media, [segmentId]: { ...entry, [what]: path } },
    },
  };
}
