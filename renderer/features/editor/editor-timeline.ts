/**
 * The editor's timeline of a project: the shared conversion (`shared/timeline/project-timeline`,
 * the same one main renders projects with), media named by library id (main resolves them to
 * files when it renders), their kinds from `media.get` (`useMediaKinds`), captions in the
 * project's brand kit. No React here: tests run it in Node against main's project render.
 */
import type { BrandKit } from '../../../shared/contract/brand-kits.contract';
import type { MediaKind } from '../../../shared/contract/media.contract';
import type { ProjectDetail } from '../../../shared/contract/projects.contract';
import type { TimelineInput } from '../../../shared/timeline';
import {
  projectToTimeline,
  type ProjectMedia,
  type ProjectTimelineOptions,
} from '../../../shared/timeline/project-timeline';

/** Library media by id (their kinds), as the editor has fetched them. */
export function libraryMedia(kinds: ReadonlyMap<string, MediaKind>): ProjectMedia {
  return {
    resolve: (id) => {
      const kind = kinds.get(id);
      return kind && { ref: { mediaId: id }, kind };
    },
  };
}

/** The project's timeline as the editor previews and exports it. */
export function editorTimeline(
  project: ProjectDetail,
  kinds: ReadonlyMap<string, MediaKind>,
  brandKits: readonly BrandKit[],
  options: ProjectTimelineOptions = {},
): TimelineInput {
  const brandKit = brandKits.find((kit) => kit.id === project.brandKitId) ?? null;
  return projectToTimeline({ project, brandKit }, libraryMedia(kinds), options);
}
