/**
 * The library's public surface for other main-process features (render, generation, sync).
 *
 * Render: `loadRenderSource(library.store, projectId, services.media.files.objectPath.bind(...))`
 * gives the project with ordered segments, layers and every medium's local path.
 */
export { loadRenderSource, type RenderSource, type ResolvedMedia } from './projects/render-source';
export { upsertLayer, listLayers } from './projects/layer.repository';
export { listSegments } from './projects/segment.repository';
export { getProject, updateProject, touchProject } from './projects/project.repository';
export { assertStatusTransition, canTransition } from './projects/project-status';
export { ProjectsService } from './projects/projects.service';
export { BrandKitsService } from './brand-kits/brand-kits.service';
export { openLibrary, LIBRARY_FILE_NAME, type Library } from './db/open-library';
export type { Store } from './db/store';
export type { Database } from './db/database';
