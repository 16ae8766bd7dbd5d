/**
 * The asset studio's operations: coach turns (streamed as `assets.coach` events), variant
 * generation, export of every platform size, cancellation and publishing through the sync queue.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type {
  AssetBrief,
  AssetPhase,
  CoachEvent,
  CoachReply,
  ExportAssetsResult,
  GenerateAssetsResult,
  SavedAssetVariant,
} from '../../../shared/contract/assets.contract';
import {
  CoachInput,
  ExportAssetsInput,
  GenerateAssetsInput,
} from '../../../shared/contract/assets.contract';
import type { BrandKit } from '../../../shared/contract/brand-kits.contract';
import type { FileHandle } from '../../../shared/contract/files.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import { AppError } from '../../../shared/errors';
import { ASSET_TYPES, type AssetTypeId } from '../../../shared/presets/asset-types';
import type { StoredVariant, VariantStore } from '../../store/assets/library-variant-store';
import type { ImageProvider } from '../generate/providers.types';
import type { AssetPublisher } from './asset-publisher';
import { assetColours, produceAsset, type ProducedAsset } from './asset-production';
import type { CoachEngine, CoachStep } from './coach/coach.types';

/** Square types are generated at this size and scaled down; others at their largest size. */
const SQUARE_MASTER = 512;
const PREVIEW_SIZE = 256;

export interface AssetsServiceDeps {
  /** The image provider (settings, or a one-off kind). */
  images: (kind?: ProviderKind) => Promise<ImageProvider>;
  /** The coach engine (settings' script provider, or a one-off kind). */
  coach: (kind?: ProviderKind) => Promise<CoachEngine>;
  brandKit: (id: string) => BrandKit;
  /** The file of a medium (logos, imported fonts). */
  logoFile: (mediaId: string) => string;
  /** Where generated variants are kept (the library: they survive a restart). */
  variants: VariantStore;
  /** A download target in the staging folder for an exported file. */
  stagingTarget: (name: string) => { path: string; handle: () => FileHandle };
  /** The local file behind a handle (publishing). */
  filePath: (fileId: string) => string;
  fontsDir: string;
  emitCoach: (event: CoachEvent) => void;
  emitProgress: (progress: {
    jobId: string;
    phase: AssetPhase;
    done: number;
    total: number;
    detail?: string;
  }) => void;
  /** The sync queue's publisher (main/sync/publish/asset-publisher.ts); null in tests without one. */
  publisher?: AssetPublisher | null;
}

export class AssetsService {
  private readonly jobs = new Map<string, AbortController>();
  private readonly chats = new Map<string, AbortController>();

  constructor(private readonly deps: AssetsServiceDeps) {}

  /** One coach turn; every step goes out as an `assets.coach` event, ending in done or error. */
  async coach(raw: CoachInput, callerSignal?: AbortSignal): Promise<CoachReply> {
    const input = CoachInput.parse(raw);
    const { chatId } = input;
    const controller = this.track(this.chats, chatId, callerSignal);
    const emit = (step: CoachStep) => this.deps.emitCoach({ chatId, ...step });
    try {
      const kit = input.brandKitId ? this.deps.brandKit(input.brandKitId) : null;
      const engine = await this.deps.coach(input.provider);
      const turn = await engine.reply(
        { messages: input.messages, brandKit: kit, assetType: input.assetType },
        emit,
        controller.signal,
      );
      emit({ type: 'done' });
      return { chatId, ...turn };
    } catch (error) {
      const failure = controller.signal.aborted
        ? new AppError('CANCELLED', 'The coach was stopped.')
        : error instanceof AppError
          ? error
          : new AppError('PROVIDER', `The coach failed: ${(error as Error).message}`);
      emit({ type: 'error', code: failure.code, message: failure.message });
      throw failure;
    } finally {
      this.chats.delete(chatId);
    }
  }

  /** Stops a coach reply mid-stream. */
  coachCancel(chatId: string): { cancelled: boolean } {
    return this.abort(this.chats, chatId);
  }

  /** Generates variants of a brief in the brand palette; each one kept for export. */
  async generate(
    raw: GenerateAssetsInput,
    callerSignal?: AbortSignal,
  ): Promise<GenerateAssetsResult> {
    const input = GenerateAssetsInput.parse(raw);
    const jobId = input.jobId ?? randomUUID();
    const controller = this.track(this.jobs, jobId, callerSignal);
    try {
      const kit = input.brandKitId ? this.deps.brandKit(input.brandKitId) : null;
      const spec = ASSET_TYPES[input.brief.assetType];
      const provider = await this.deps.images(input.provider);
      const size = masterSize(input.brief.assetType);
      const startedAt = Date.now();
      const variants: GenerateAssetsResult['variants'] = [];
      for (let index = 0; index < input.count; index++) {
        if (controller.signal.aborted) throw new AppError('CANCELLED', 'Generation cancelled.');
        this.progress(jobId, 'generating', index, input.count, `variant ${String(index + 1)}`);
        const image = await provider.makeImage(
          {
            prompt: imagePrompt(input.brief, index, kit),
            ...size,
            style: input.brief.style,
            brandColors: assetColours(input.brief, kit),
            // Text is drawn by the studio in the safe area, never baked into the picture.
            title: '',
          },
          { signal: controller.signal },
        );
        const id = randomUUID();
        // Normalise to the master size whatever the model returned.
        const master = await sharp(image.png)
          .resize(size.width, size.height, { fit: 'cover', position: sharp.strategy.attention })
          .png()
          .toBuffer();
        await this.deps.variants.save(
          {
            id,
            jobId,
            assetType: spec.id,
            index,
            brandKitId: kit?.id ?? null,
            brief: input.brief,
            ...size,
            createdAt: startedAt,
          },
          master,
        );
        variants.push({ id, index, ...size, previewDataUrl: await previewOf(master) });
      }
      this.progress(jobId, 'generating', input.count, input.count);
      return { jobId, variants };
    } catch (error) {
      throw this.failure(error, controller.signal, 'Generation cancelled.');
    } finally {
      this.jobs.delete(jobId);
    }
  }

  /** Variants kept in the library, newest first, with previews. */
  async savedVariants(filter: {
    assetType?: AssetTypeId;
    limit: number;
  }): Promise<SavedAssetVariant[]> {
    const out: SavedAssetVariant[] = [];
    for (const { record, file } of this.deps.variants.list(filter)) {
      out.push({
        id: record.id,
        index: record.index,
        width: record.width,
        height: record.height,
        previewDataUrl: await previewOf(await readMaster(file, record.id)),
        jobId: record.jobId,
        assetType: record.assetType,
        brief: record.brief,
        brandKitId: record.brandKitId,
        createdAt: record.createdAt,
      });
    }
    return out;
  }

  /**
   * Deletes a kept variant.
   *
   * Its master picture leaves the media store too unless something else still uses the same
   * medium. NOT_FOUND when there is no such variant (already deleted).
   */
  deleteVariant(id: string): { deleted: true; fileRemoved: boolean } {
    const { deleted, fileRemoved } = this.deps.variants.delete(id);
    if (!deleted)
      throw new AppError('NOT_FOUND', `No such variant: ${id}. It may be deleted already.`);
    return { deleted: true, fileRemoved };
  }

  /** Every size of a variant, validated, as download targets. */
  async export(raw: ExportAssetsInput, callerSignal?: AbortSignal): Promise<ExportAssetsResult> {
    const input = ExportAssetsInput.parse(raw);
    const { jobId, files, warnings } = await this.produce(input, callerSignal);
    const out: ExportAssetsResult['files'] = [];
    for (const [i, produced] of files.entries()) {
      this.progress(jobId, 'exporting', i, files.length, produced.asset.name);
      const target = this.deps.stagingTarget(produced.asset.name);
      fs.writeFileSync(target.path, produced.bytes);
      out.push({ ...produced.asset, file: target.handle() });
    }
    this.progress(jobId, 'exporting', files.length, files.length);
    return { jobId, files: out, warnings };
  }

  /** Every size of a variant written into a folder (the CLI's `-o DIR`). */
  async exportToFolder(
    raw: ExportAssetsInput,
    dir: string,
    callerSignal?: AbortSignal,
  ): Promise<{
    jobId: string;
    files: (ProducedAsset['asset'] & { path: string })[];
    warnings: string[];
  }> {
    const input = ExportAssetsInput.parse(raw);
    const { jobId, files, warnings } = await this.produce(input, callerSignal);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new AppError('IO', `Cannot create the folder ${dir}: ${(error as Error).message}`);
    }
    const out = files.map((produced, i) => {
      this.progress(jobId, 'exporting', i, files.length, produced.asset.name);
      const file = path.join(dir, produced.asset.name);
      fs.writeFileSync(file, produced.bytes);
      return { ...produced.asset, path: file };
    });
    this.progress(jobId, 'exporting', files.length, files.length);
    return { jobId, files: out, warnings };
  }

  /** Stops a running generate or export job. */
  cancel(jobId: string): { cancelled: boolean } {
    return this.abort(this.jobs, jobId);
  }

  /** Publishes an exported file as a public link through the sync queue. */
  async publish(fileId: string, assetType: AssetTypeId): Promise<{ url: string }> {
    const publisher = this.deps.publisher;
    if (!publisher)
      throw new AppError(
        'UNSUPPORTED',
        'Publishing asset links needs the sync service, which is not connected in this build. Export the files and upload them yourself.',
      );
    const file = this.deps.filePath(fileId);
    return publisher.publish({
      path: file,
      name: path.basename(file),
      assetType,
      contentType: ASSET_TYPES[assetType].format === 'jpg' ? 'image/jpeg' : 'image/png',
    });
  }

  private async produce(
    input: ReturnType<typeof ExportAssetsInput.parse>,
    callerSignal?: AbortSignal,
  ) {
    const jobId = input.jobId ?? randomUUID();
    const controller = this.track(this.jobs, jobId, callerSignal);
    try {
      const variant: StoredVariant | null = this.deps.variants.get(input.variantId);
      if (!variant)
        throw new AppError(
          'NOT_FOUND',
          `No such variant: ${input.variantId}. It may have been deleted; generate again.`,
        );
      const { assetType } = variant.record;
      if (assetType !== input.brief.assetType)
        throw new AppError(
          'VALIDATION',
          `That variant was generated for ${ASSET_TYPES[assetType].label}, not ${ASSET_TYPES[input.brief.assetType].label}; generate again.`,
        );
      const kit = input.brandKitId ? this.deps.brandKit(input.brandKitId) : null;
      const result = await produceAsset({
        master: await readMaster(variant.file, input.variantId),
        brief: input.brief,
        kit,
        logoFile: this.deps.logoFile,
        fontsDir: this.deps.fontsDir,
        signal: controller.signal,
        onProgress: (done, total, detail) => this.progress(jobId, 'sizing', done, total, detail),
      });
      this.progress(jobId, 'validating', result.files.length, result.files.length);
      if (controller.signal.aborted) throw new AppError('CANCELLED', 'Export cancelled.');
      return { jobId, ...result };
    } catch (error) {
      throw this.failure(error, controller.signal, 'Export cancelled.');
    } finally {
      this.jobs.delete(jobId);
    }
  }

  private progress(jobId: string, phase: AssetPhase, done: number, total: number, detail?: string) {
    this.deps.emitProgress({ jobId, phase, done, total, ...(detail !== undefined && { detail }) });
  }

  private track(
    map: Map<string, AbortController>,
    id: string,
    callerSignal?: AbortSignal,
  ): AbortController {
    if (map.has(id)) throw new AppError('CONFLICT', `${id} is already running.`);
    const controller = new AbortController();
    if (callerSignal?.aborted) controller.abort();
    callerSignal?.addEventListener('abort', () => controller.abort(), { once: true });
    map.set(id, controller);
    return controller;
  }

  private abort(map: Map<string, AbortController>, id: string): { cancelled: boolean } {
    const controller = map.get(id);
    if (!controller) return { cancelled: false };
    controller.abort();
    return { cancelled: true };
  }

  private failure(error: unknown, signal: AbortSignal, cancelled: string): unknown {
    if (signal.aborted) return new AppError('CANCELLED', cancelled);
    return error;
  }
}

async function previewOf(master: Buffer): Promise<string> {
  const preview = await sharp(master)
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside' })
    .png()
    .toBuffer();
  return `data:image/png;base64,${preview.toString('base64')}`;
}

async function readMaster(file: string, variantId: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    throw new AppError(
      'CORRUPT',
      `The picture of variant ${variantId} is missing from the media store (${(error as Error).message}); generate again.`,
    );
  }
}

/** The size variants are generated at. */
export function masterSize(type: AssetTypeId): { width: number; height: number } {
  const spec = ASSET_TYPES[type];
  const largest = spec.sizes[0] ?? { width: SQUARE_MASTER, height: SQUARE_MASTER };
  return largest.width === largest.height
    ? { width: SQUARE_MASTER, height: SQUARE_MASTER }
    : { width: largest.width, height: largest.height };
}

/** The image prompt of one variant: the brief, the platform's needs and the brand's tone. */
export function imagePrompt(brief: AssetBrief, index: number, kit: BrandKit | null): string {
  const spec = ASSET_TYPES[brief.assetType];
  const parts = [
    `${spec.label} showing ${brief.subject}`,
    spec.transparent ? 'isolated subject on a plain flat background' : 'full-bleed background',
    spec.notes,
  ];
  if (kit && kit.toneNotes.trim() !== '') parts.push(`Brand tone: ${kit.toneNotes.trim()}`);
  if (index > 0) parts.push(`Variation ${String(index + 1)}`);
  return parts.join('. ');
}
