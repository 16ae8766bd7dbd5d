/**
 * Starts the control endpoint for a composed set of services: the process owning the data
 * folder (the Electron studio, the browser shell) calls this after `sync.start()`.
 */
import type { Services } from '../services';
import { startControlServer, type ControlServer } from './control-server';

/** Starts it on 127.0.0.1 and writes `<data>/control.json`; `close()` removes the file. */
export function startControlEndpoint(
  services: Pick<Services, 'router' | 'sync' | 'dataDir'>,
): Promise<ControlServer> {
  return startControlServer({
    router: services.router,
    dataDir: services.dataDir,
    prepare(op, input) {
      // `reelsmith publish` without --title uses the render's name, which only the owner can read.
      if (op !== 'sync.publish' || typeof input !== 'object' || input === null) return input;
      const fields = input as { projectId?: unknown; title?: unknown };
      if (fields.title !== undefined || typeof fields.projectId !== 'string') return input;
      const title = services.sync.renderedOutput(fields.projectId).title.slice(0, 120);
      return { ...fields, title: title || 'Untitled' };
    },
  });
}
