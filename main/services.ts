/**
 * The composition root: builds every main-process service from one config object.
 * Used by the Electron shell, the browser shell, the CLI and tests.
 */
import path from 'node:path';
import type { ShellKind } from '../shared/contract/app.contract';
import { AppError } from '../shared/errors';
import { BrandKitsService } from './store/brand-kits/brand-kits.service';
import { DataDirLock } from './config/data-dir-lock';
import { ensureDataDir } from './config/data-dir';
import { FileRegistry } from './files/file-registry';
import { FilesService, type NativeDialogs } from './files/files.service';
import { FileSecretStore } from './secrets/file-secret.store';
import { KeytarSecretStore, loadKeytar } from './secrets/keytar-secret.store';
import type { SecretStore } from './secrets/secret-store';
import { SecretsService } from './secrets/secrets.service';
import { GenerationJobService } from './pipeline/generate/job/generation-job.service';
import { LibraryGenerationRepository } from './pipeline/generate/job/generation.repository';
import { LibraryMediaStore } from './pipeline/generate/job/media.store';
import { importLegacyGeneration } from './pipeline/generate/job/legacy-import';
import type { OpenAiConfig } from './pipeline/generate/openai/openai-client';
import { GenerationCosts } from './pipeline/generate/cloud/generation-estimate';
import { cloudConnection, createProviderFactory } from './pipeline/generate/provider-factory';
import { ContentStore } from './media/content-store';
import { FontLibrary } from './media/font-library';
import { LibraryVariantStore } from './store/assets/library-variant-store';
import {
  BROWSER_MEDIA_URLS,
  ELECTRON_MEDIA_URLS,
  MediaService,
  type MediaTools,
  type MediaUrls,
} from './media/media.service';
import { EventBus } from './rpc/event-bus';
import { MontageService } from './pipeline/montage/montage.service';
import type { AssetPublisher } from './pipeline/assets/asset-publisher';
import { AssetsService } from './pipeline/assets/assets.service';
import { createCoachFactory } from './pipeline/assets/coach/coach-factory';
import { clipFiles, montageCpuSlots, toolsOrThrow } from './pipeline/montage/montage-wiring';
import { MontageRenderService } from './pipeline/montage/render/montage-render.service';
import { createHandlers } from './rpc/handlers';
import { Router, type Logger } from './rpc/router';
import { SettingsService } from './settings/settings.service';
import { LIBRARY_FILE_NAME, openLibrary, type Library } from './store/db/open-library';
import { ProjectsService } from './store/projects/projects.service';
import { setProjectStatus } from './store/projects/project-status';
import { LongOperations } from './util/long-operations';
import { AppInfoService } from './system/app-info.service';
import { HardwareEncoderDetector } from './pipeline/render/hardware-encoders';
import { LibraryMediaResolver, type MediaResolver } from './pipeline/render/media-resolver';
import { RenderOperations } from './pipeline/render/render-operations.service';
import { LibraryRenderJobStore } from './pipeline/render/render-job-store';
import { RenderQueue, renderJobSlots } from './pipeline/render/render-queue.service';
import { RenderService } from './pipeline/render/render.service';
import { findResourcesDir } from './pipeline/render/resources-dir';
import { parseTimeline } from '../shared/timeline';
import { createStderrLogger } from './util/logger';
import { CloudSync } from './sync/cloud-sync.service';
import { queueAssetPublisher } from './sync/publish/asset-publisher';
import type { SessionVault } from './sync/cloud/session-vault';
import type { BackoffPolicy } from './sync/outbox/backoff';

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
  /** `resources/` (caption fonts); default: found beside the code. */
  resourcesDir?: string;
  /** How many renders run at once (default `REELSMITH_RENDER_JOBS`, else 1). */
  renderConcurrency?: number;
  /** Media lookup; default: library ids through the media store, and paths. */
  media?: MediaResolver;
  /** The secure secret store; default: the OS keychain through keytar (null = none). */
  secretStore?: SecretStore | null;
  /** Used when keytar cannot load (Electron: safeStorage). */
  secretStoreFallback?: () => SecretStore;
  /** Generation overrides for tests (OpenAI retry timing). */
  generation?: { openAi?: Partial<OpenAiConfig> };
  /** How the renderer addresses media (default: Electron's `media://library/`). */
  mediaUrls?: MediaUrls;
  /** Publishes asset links through the sync queue; without one `assets.publish` says so. */
  assetPublisher?: AssetPublisher | null;
  /** Sync overrides for tests (session store, retry timing, whether to run the embedded API). */
  sync?: { vault?: SessionVault; backoff?: BackoffPolicy; embedded?: boolean };
}

export interface Services {
  readonly dataDir: string;
  readonly log: Logger;
  readonly events: EventBus;
  readonly lock: DataDirLock | null;
  /** The library database (data folder `library.sqlite`). */
  readonly library: Library;
  readonly settings: SettingsService;
  readonly projects: ProjectsService;
  readonly brandKits: BrandKitsService;
  readonly media: MediaService;
  /** The fonts folder of captions and assets: bundled fonts plus brand-kit imports. */
  readonly fonts: FontLibrary;
  readonly operations: LongOperations;
  readonly appInfo: AppInfoService;
  readonly fileRegistry: FileRegistry;
  readonly files: FilesService;
  readonly secrets: SecretsService;
  readonly generation: GenerationJobService;
  readonly montage: MontageService;
  readonly assets: AssetsService;
  readonly montageRender: MontageRenderService;
  readonly renderService: RenderService;
  readonly renderQueue: RenderQueue;
  readonly render: RenderOperations;
  /** Cloud account, feed, upload queue and publishing; `sync.start()` runs the embedded API. */
  readonly sync: CloudSync;
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
  let library: Library | null = null;
  try {
    library = openLibrary({ file: path.join(dataDir, LIBRARY_FILE_NAME), log });
    const store = library.store;
    const events = new EventBus();
    const settings = new SettingsService(store, dataDir, events, log);
    const appInfo = new AppInfoService({ shell: config.shell, dataDir, env }, settings);
    const projects = new ProjectsService(store);
    projects.purgeExpired();
    const brandKits = new BrandKitsService(store);
    const contentStore = new ContentStore(path.join(dataDir, 'media'));
    contentStore.sweepTemp();
    const media = new MediaService(
      store,
      contentStore,
      mediaTools(appInfo),
      config.mediaUrls ?? (config.shell === 'browser' ? BROWSER_MEDIA_URLS : ELECTRON_MEDIA_URLS),
    );
    const operations = new LongOperations(events);
    const fileRegistry = new FileRegistry(dataDir);
    fileRegistry.sweepStaging();
    const files = new FilesService(fileRegistry, {
      dialogs: config.dialogs ?? null,
      allowLocalPaths: config.allowLocalPaths ?? config.shell !== 'browser',
      downloadUrl: config.downloadUrl,
    });
    const secrets = new SecretsService(
      config.secretStore === undefined ? defaultSecretStore(config, log) : config.secretStore,
      new FileSecretStore(dataDir),
      env,
      log,
    );
    const generationRepo = new LibraryGenerationRepository(store, (sha) =>
      contentStore.objectPath(sha),
    );
    const stopped = generationRepo.markInterrupted();
    if (stopped.length > 0)
      log.warn(`${stopped.length} generation job(s) were interrupted; marked failed (resumable)`);
    const generationMedia = new LibraryMediaStore(media);
    // Once: projects made before the library (the `generation/` JSON folder) move into it.
    const legacyImport = importLegacyGeneration(
      dataDir,
      generationRepo,
      generationMedia,
      log,
    ).catch((error: unknown) =>
      log.error('generation: importing the old generation folder failed', error),
    );
    const providerDeps = {
      settings: () => settings.get(),
      apiKey: () => secrets.get('openai-api-key'),
      ffmpeg: () => mediaTools(appInfo).ffmpeg(),
      env,
      openAi: config.generation?.openAi,
      // The sync client (built below) with the signed-in session, for cloud generation.
      cloud: () => sync.client,
    };
    const providers = createProviderFactory(providerDeps);
    const generationCosts = new GenerationCosts({
      cloud: () => sync.client,
      settings: () => settings.get(),
      connection: (s) => cloudConnection(providerDeps, s),
    });
    const generation = new GenerationJobService({
      repo: generationRepo,
      media: generationMedia,
      ready: legacyImport,
      providers,
      settings: () => settings.get(),
      costCheck: (overrides, durationSec) => generationCosts.check(overrides, durationSec),
      estimate: (input) => generationCosts.estimate(input),
      emit: (progress) => events.emit('generate.progress', progress),
      log,
    });
    const montage = new MontageService({
      locateTools: async () => toolsOrThrow(await appInfo.locateTools()),
      files: clipFiles(fileRegistry, media),
      events,
      cacheDir: path.join(dataDir, 'cache', 'montage'),
      cpuSlots: montageCpuSlots(env),
    });
    const resourcesDir = config.resourcesDir ?? findResourcesDir(env);
    const fonts = new FontLibrary(path.join(dataDir, 'fonts'), path.join(resourcesDir, 'fonts'));
    const assets = new AssetsService({
      images: async (kind) => (await providers(kind ? { imageProvider: kind } : {})).image,
      coach: createCoachFactory({
        settings: () => settings.get(),
        apiKey: () => secrets.get('openai-api-key'),
        openAi: config.generation?.openAi,
        cloud: () => sync.client,
      }),
      brandKit: (id) => brandKits.get(id),
      logoFile: (mediaId) => media.pathOf(mediaId),
      variants: new LibraryVariantStore({
        store,
        importImage: async (file, name, prompt) =>
          (
            await media.importFile(
              { path: file, name },
              { source: 'generated', provenance: { provider: 'asset-studio', prompt } },
            )
          ).media.id,
        pathOf: (mediaId) => media.pathOf(mediaId),
        tempDir: path.join(dataDir, 'cache', 'assets'),
        releaseMedium: (mediaId) => media.deleteIfUnused(mediaId),
      }),
      stagingTarget: (name) => {
        const entry = fileRegistry.createStagingTarget(name);
        return { path: entry.path, handle: () => fileRegistry.toHandle(entry) };
      },
      filePath: (fileId) => fileRegistry.get(fileId).path,
      fontsDir: fonts.dir,
      emitCoach: (event) => events.emit('assets.coach', event),
      emitProgress: (progress) => events.emit('assets.progress', progress),
      // Through the sync queue (built below; only called once everything is wired).
      publisher: config.assetPublisher ?? {
        publish: (asset, signal) =>
          queueAssetPublisher({
            publishAsset: (input) => sync.publishAsset(input),
            onItem: (listener) => events.on('sync.item', listener),
          }).publish(asset, signal),
      },
    });
    const tools = () => appInfo.locateTools();
    const hardware = new HardwareEncoderDetector();
    const hardwareAllowed = () => settings.get().hardwareEncoding;
    const renderService = new RenderService({
      tools,
      media: config.media ?? new LibraryMediaResolver((id) => media.pathOf(id)),
      fontsDir: fonts.dir,
      hardware,
      hardwareAllowed,
      log,
    });
    const renderJobs = new LibraryRenderJobStore(store);
    const renderQueue = new RenderQueue(
      renderJobs,
      renderService,
      {
        job: (job) => events.emit('render.job', job),
        progress: (jobId, progress) => events.emit('render.progress', { jobId, ...progress }),
        project: (projectId, status) => setProjectStatus(store, projectId, status),
      },
      log,
      config.renderConcurrency ?? renderJobSlots(env),
    );
    const interrupted = renderQueue.recover();
    if (interrupted > 0) log.warn(`${interrupted} render job(s) were interrupted; marked failed`);
    const render = new RenderOperations({
      files: fileRegistry,
      renderSource: (projectId) => media.renderSource(projectId),
      queue: renderQueue,
      service: renderService,
      hardware,
      tools,
      hardwareAllowed,
    });
    const montageRender = new MontageRenderService({
      locateTools: async () => toolsOrThrow(await appInfo.locateTools()),
      files: clipFiles(fileRegistry, media),
      brandKits,
      render: {
        start: (timeline, targetId, preset) =>
          render.start({ timeline: parseTimeline(timeline) }, targetId, preset),
        proxy: (timeline) => render.proxy(parseTimeline(timeline)),
      },
      frames: renderService,
      cacheDir: path.join(dataDir, 'cache', 'montage'),
    });
    const sync = new CloudSync({
      dataDir,
      store,
      settings,
      secrets,
      events,
      log,
      projects,
      renderJobs,
      files: fileRegistry,
      tools: async () => {
        const found = await appInfo.locateTools();
        if (!found.ffmpeg.found) throw new AppError('FFMPEG_NOT_FOUND', found.ffmpeg.message);
        if (!found.ffprobe.found) throw new AppError('FFMPEG_NOT_FOUND', found.ffprobe.message);
        return { ffmpeg: found.ffmpeg.path, ffprobe: found.ffprobe.path };
      },
      // Only the process owning the data folder runs the embedded sync API.
      embedded: config.sync?.embedded ?? lock !== null,
      vault: config.sync?.vault,
      backoff: config.sync?.backoff,
    });
    const partial = {
      dataDir,
      log,
      events,
      lock,
      library,
      settings,
      projects,
      brandKits,
      media,
      fonts,
      operations,
      appInfo,
      fileRegistry,
      files,
      secrets,
      generation,
      montage,
      assets,
      montageRender,
      renderService,
      renderQueue,
      render,
      sync,
    };
    const router = new Router(createHandlers(partial), log);
    return {
      ...partial,
      router,
      async close() {
        await legacyImport;
        await renderQueue.close();
        await generation.close();
        await sync.close();
        partial.library.close();
        lock?.release();
      },
    };
  } catch (error) {
    library?.close();
    lock?.release();
    throw error;
  }
}

/** keytar when its native module loads, else the shell's fallback (safeStorage), else none. */
function defaultSecretStore(config: ServicesConfig, log: Logger): SecretStore | null {
  const keytar = loadKeytar();
  if (!(keytar instanceof Error)) return new KeytarSecretStore(keytar);
  log.warn(`secrets: the OS keychain module (keytar) did not load: ${keytar.message}`);
  return config.secretStoreFallback?.() ?? null;
}

/** ffmpeg/ffprobe as located by app.info (setting → env → ffmpeg-static → PATH). */
function mediaTools(appInfo: AppInfoService): MediaTools {
  const pick = async (name: 'ffmpeg' | 'ffprobe') => {
    const tool = (await appInfo.locateTools())[name];
    if (!tool.found) throw new AppError('FFMPEG_NOT_FOUND', tool.message);
    return tool.path;
  };
  return { ffmpeg: () => pick('ffmpeg'), ffprobe: () => pick('ffprobe') };
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
