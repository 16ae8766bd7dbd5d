/**
 * The composition root: builds every main-process service from one config object.
 * Used by the Electron shell, the browser shell, the CLI and tests.
 */
import path from 'node:path';
import type { ShellKind } from '../shared/contract/app.contract';
import { DataDirLock } from './config/data-dir-lock';
import { ensureDataDir } from './config/data-dir';
import { FileRegistry } from './files/file-registry';
import { FilesService, type NativeDialogs } from './files/files.service';
import { EventBus } from './rpc/event-bus';
import { MontageService } from './pipeline/montage/montage.service';
import { montageCpuSlots, toolsOrThrow } from './pipeline/montage/montage-wiring';
import { createHandlers } from './rpc/handlers';
import { Router, type Logger } from './rpc/router';
import { SettingsService } from './settings/settings.service';
import { AppInfoService } from './system/app-info.service';
import { createStderrLogger } from './util/logger';

export interface ServicesConfig {
  dataDir: string;
  shell: ShellKind;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Native dialogs (Electron only). */
  dialogs?: NativeDialogs | null;
  /** Whether callers may name local paths (not in the browser shell). */
  allowLocalPaths?: boolean;
  /** Download URL builder for staging files (browser shell). */
  downloadUrl?: (id: string) => string;
  /** Take the data-folder lock (default true); tests of a single service may skip it. */
  lock?: boolean;
}

export interface Services {
  readonly dataDir: string;
  readonly log: Logger;
  readonly events: EventBus;
  readonly lock: DataDirLock | null;
  readonly settings: SettingsService;
  readonly appInfo: AppInfoService;
  readonly fileRegistry: FileRegistry;
  readonly files: FilesService;
  readonly montage: MontageService;
  readonly router: Router;
  /** Stops timers and releases the data folder. */
  close(): Promise<void>;
}

export function createServices(config: ServicesConfig): Services {
  const env = config.env ?? process.env;
  const log = config.log ?? createStderrLogger();
  const dataDir = ensureDataDir(config.dataDir);
  const lock =
    config.lock === false
      ? null
      : DataDirLock.acquire(dataDir, { kind: describeShell(config.shell) });
  try {
    const events = new EventBus();
    const settings = new SettingsService(dataDir, events, log);
    const appInfo = new AppInfoService({ shell: config.shell, dataDir, env }, settings);
    const fileRegistry = new FileRegistry(dataDir);
    fileRegistry.sweepStaging();
    const files = new FilesService(fileRegistry, {
      dialogs: config.dialogs ?? null,
      allowLocalPaths: config.allowLocalPaths ?? config.shell !== 'browser',
      downloadUrl: config.downloadUrl,
    });
    const montage = new MontageService({
      locateTools: async () => toolsOrThrow(await appInfo.locateTools()),
      files: fileRegistry,
      events,
      cacheDir: path.join(dataDir, 'cache', 'montage'),
      cpuSlots: montageCpuSlots(env),
    });
    const partial = { dataDir, log, events, lock, settings, appInfo, fileRegistry, files, montage };
    const router = new Router(createHandlers(partial), log);
    return {
      ...partial,
      router,
      close() {
        lock?.release();
        return Promise.resolve();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function describeShell(shell: ShellKind): string {
  switch (shell) {
    case 'electron':
      return 'studio';
    case 'browser':
      return 'browser shell';
    case 'cli':
      return 'command line';
    case 'test':
      return 'test';
  }
}
