/**
 * A library project (its RenderSource) as a render timeline with media named by file path:
 * the shared conversion (`shared/timeline/project-timeline.ts`, also the editor's), given the
 * media the render source resolved from the library.
 */
import {
  projectToTimeline as convert,
  type ProjectMedia,
  type ProjectTimelineOptions,
} from '../../../shared/timeline/project-timeline';
import type { TimelineInput } from '../../../shared/timeline';
import type { RenderSource } from '../../store/projects/render-source';

export { TRANSITION_SEC, MOTION_STRENGTH } from '../../../shared/timeline/project-timeline';
export type { ProjectTimelineOptions } from '../../../shared/timeline/project-timeline';

/** The render source's media as the timeline names them: by their file in the media store. */
export function renderSourceMedia(source: RenderSource): ProjectMedia {
  return {
    resolve: (id) => {
      const found = source.media.get(id);
      return found && { ref: { path: found.path }, kind: found.kind };
    },
  };
}

export function projectToTimeline(
  source: RenderSource,
  options: ProjectTimelineOptions = {},
): TimelineInput {
  return convert(source, renderSourceMedia(source), options);
}
