/**
 * `files.*` operations. Native dialogs arrive as an interface so this works, and is tested,
 * without Electron; without them (browser shell, CLI) the staging folder stands in.
 */
import type {
  FileFilter,
  FileHandle,
  OpenResult,
  RevealResult,
} from '../../shared/contract/files.contract';
import { AppError } from '../../shared/errors';
import type { FileRegistry } from './file-registry';

export interface OpenDialogOptions {
  title?: string;
  filters?: FileFilter[];
  multiple?: boolean;
}

export interface SaveDialogOptions {
  suggestedName: string;
  title?: string;
  filters?: FileFilter[];
}

/** What the Electron shell provides (main/app/dialogs.ts). */
export interface NativeDialogs {
  /** Paths chosen, or null when cancelled. */
  pickOpen(options: OpenDialogOptions): Promise<string[] | null>;
  /** Path chosen, or null when cancelled. */
  pickSave(options: SaveDialogOptions): Promise<string | null>;
  /** Shows the file in the OS file manager. */
  reveal(path: string): void;
  /** Opens the file with its default app; rejects with the OS's reason when it cannot. */
  open(path: string): Promise<void>;
}

export interface FilesServiceOptions {
  /** Native dialogs (Electron); null in the browser shell and the CLI. */
  dialogs: NativeDialogs | null;
  /** Whether callers may name local paths (Electron drops, the CLI); never in the browser shell. */
  allowLocalPaths: boolean;
  /** Builds the download URL for a staging file (browser shell). */
  downloadUrl?: (id: string) => string;
}

export class FilesService {
  constructor(
    private readonly registry: FileRegistry,
    private readonly options: FilesServiceOptions,
  ) {}

  async pickOpen(options: OpenDialogOptions): Promise<{ canceled: boolean; files: FileHandle[] }> {
    const { dialogs } = this.options;
    if (!dialogs) {
      throw new AppError(
        'UNSUPPORTED',
        'There is no file dialog here: in the browser shell, choose files in the page (they are uploaded).',
      );
    }
    const paths = await dialogs.pickOpen(options);
    if (!paths || paths.length === 0) return { canceled: true, files: [] };
    return {
      canceled: false,
      files: paths.map((p) => this.registry.toHandle(this.registry.registerLocalFile(p))),
    };
  }

  fromPath(filePath: string): FileHandle {
    if (!this.options.allowLocalPaths) {
      throw new AppError(
        'FORBIDDEN',
        'Local paths cannot be used from the browser shell; upload the file instead.',
      );
    }
    return this.registry.toHandle(this.registry.registerLocalFile(filePath));
  }

  async pickSave(
    options: SaveDialogOptions,
  ): Promise<{ canceled: boolean; target: FileHandle | null }> {
    const { dialogs } = this.options;
    if (!dialogs) {
      return {
        canceled: false,
        target: this.registry.toHandle(this.registry.createStagingTarget(options.suggestedName)),
      };
    }
    const chosen = await dialogs.pickSave(options);
    if (!chosen) return { canceled: true, target: null };
    return {
      canceled: false,
      target: this.registry.toHandle(this.registry.registerLocalTarget(chosen)),
    };
  }

  get(id: string): FileHandle {
    return this.registry.toHandle(this.registry.get(id));
  }

  reveal(id: string): RevealResult {
    const entry = this.registry.get(id);
    const { dialogs, downloadUrl } = this.options;
    if (dialogs && entry.origin === 'local') {
      dialogs.reveal(entry.path);
      return { action: 'revealed' };
    }
    if (downloadUrl) return { action: 'download', url: downloadUrl(entry.id) };
    throw new AppError('UNSUPPORTED', `Cannot show ${entry.name} here; it is at ${entry.path}.`);
  }

  /**
   * Opens a finished file: with its default app in Electron, or as an inline URL in the browser shell.
   *
   * A save target not written yet is refused (NOT_FOUND) rather than opening an empty file.
   */
  async open(id: string): Promise<OpenResult> {
    const entry = this.registry.get(id);
    const { dialogs, downloadUrl } = this.options;
    if (dialogs && entry.origin === 'local') {
      try {
        await dialogs.open(entry.path);
      } catch (error) {
        throw new AppError(
          'IO',
          `Could not open ${entry.name}: ${(error as Error).message}. It is at ${entry.path}.`,
        );
      }
      return { action: 'opened' };
    }
    if (downloadUrl) return { action: 'url', url: `${downloadUrl(entry.id)}?inline=1` };
    throw new AppError('UNSUPPORTED', `Cannot open ${entry.name} here; it is at ${entry.path}.`);
  }

  release(id: string): { released: boolean } {
    return { released: this.registry.release(id) };
  }
}
