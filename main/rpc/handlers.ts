/**
 * The handler table: every contract operation mapped to a service method.
 */
import type { Services } from '../services';
import { createSyncHandlers } from '../sync/sync-handlers';
import { createLibraryHandlers } from './library-handlers';
import type { Handlers } from './router';

export function createHandlers(
  services: Pick<
    Services,
    | 'appInfo'
    | 'settings'
    | 'files'
    | 'library'
    | 'projects'
    | 'brandKits'
    | 'media'
    | 'fonts'
    | 'operations'
    | 'fileRegistry'
    | 'secrets'
    | 'generation'
    | 'montage'
    | 'assets'
    | 'montageRender'
    | 'render'
    | 'renderQueue'
    | 'sync'
  >,
): Handlers {
  const { appInfo, settings, files, secrets, generation, montage, montageRender } = services;
  const { assets, render, renderQueue } = services;
  return {
    ...createLibraryHandlers(services),
    ...createSyncHandlers(services.sync),
    'app.info': () => appInfo.info(),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
    'files.pickOpen': (input) => files.pickOpen(input),
    'files.fromPath': ({ path }) => files.fromPath(path),
    'files.pickSave': (input) => files.pickSave(input),
    'files.get': ({ id }) => files.get(id),
    'files.reveal': ({ id }) => files.reveal(id),
    'files.open': ({ id }) => files.open(id),
    'files.release': ({ id }) => files.release(id),
    'secrets.set': ({ name, value }) => secrets.set(name, value),
    'secrets.has': ({ name }) => secrets.status(name),
    'secrets.delete': ({ name }) => secrets.delete(name),
    'generate.start': (input) => generation.start(input),
    'generate.estimate': (input) => generation.estimate(input),
    'generate.resume': ({ jobId }) => generation.resume(jobId),
    'generate.cancel': ({ jobId }) => generation.cancel(jobId),
    'generate.job': ({ jobId }) => generation.getJob(jobId),
    'generate.project': ({ projectId }) => generation.getProject(projectId),
    'generate.regenerate': (input) => generation.regenerate(input),
    'generate.restore': (input) => generation.restore(input),
    'montage.generate': (input) => montage.generate(input),
    'montage.beats': ({ music }) => montage.beats(music.id),
    'montage.cancel': ({ jobId }) => montage.cancel(jobId),
    'montage.render': ({ edit, target }) => montageRender.render(edit, target?.id),
    'montage.preview': ({ edit, at }) => montageRender.preview(edit, at),
    'montage.thumbnails': ({ frames }) => montageRender.thumbnails(frames),
    'assets.coach': (input, context) => assets.coach(input, context.signal),
    'assets.coachCancel': ({ chatId }) => assets.coachCancel(chatId),
    'assets.generate': (input, context) => assets.generate(input, context.signal),
    'assets.variants': (filter) => assets.savedVariants(filter),
    'assets.deleteVariant': ({ id }) => assets.deleteVariant(id),
    'assets.export': (input, context) => assets.export(input, context.signal),
    'assets.cancel': ({ jobId }) => assets.cancel(jobId),
    'assets.publish': ({ fileId, assetType }) => assets.publish(fileId, assetType),
    'render.start': ({ timeline, projectId, target, preset }) =>
      render.start(timeline ? { timeline } : { projectId: projectId ?? '' }, target.id, preset),
    'render.proxy': ({ timeline }) => render.proxy(timeline),
    'render.frame': ({ timeline, t, preset }) => render.frame(timeline, t, preset),
    'render.list': () => ({ jobs: renderQueue.list() }),
    'render.get': ({ id }) => renderQueue.get(id),
    'render.cancel': ({ id }) => renderQueue.cancel(id),
    'render.rerun': ({ id }) => renderQueue.rerun(id),
    'render.captions': ({ timeline, format }) => render.captions(timeline, format),
    'render.encoders': () => render.encoders(),
  };
}
