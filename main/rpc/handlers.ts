/**
 * The handler table: every contract operation mapped to a service method.
 */
import type { Services } from '../services';
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
    | 'operations'
    | 'fileRegistry'
  >,
): Handlers {
  const { appInfo, settings, files } = services;
  return {
    ...createLibraryHandlers(services),
    'app.info': () => appInfo.info(),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
    'files.pickOpen': (input) => files.pickOpen(input),
    'files.fromPath': ({ path }) => files.fromPath(path),
    'files.pickSave': (input) => files.pickSave(input),
    'files.get': ({ id }) => files.get(id),
    'files.reveal': ({ id }) => files.reveal(id),
    'files.release': ({ id }) => files.release(id),
  };
}
