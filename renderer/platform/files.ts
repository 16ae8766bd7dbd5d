/**
 * Choosing files, on every transport: Electron shows the native dialog in main; the browser
 * shell shows the browser's file input and uploads what was chosen.
 */
import type { Bridge } from '../../shared/contract/bridge';
import type { Client } from '../../shared/contract/client';
import type { FileFilter, FileHandle } from '../../shared/contract/files.contract';
import { isBrowserBridge } from './bridge';

export interface PickOptions {
  title?: string;
  filters?: FileFilter[];
  multiple?: boolean;
}

function browserPick(options: PickOptions): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = options.multiple ?? false;
    const exts = (options.filters ?? []).flatMap((f) => f.extensions).filter((e) => e !== '*');
    if (exts.length > 0) input.accept = exts.map((e) => `.${e}`).join(',');
    input.onchange = () => resolve(input.files ? [...input.files] : []);
    input.oncancel = () => resolve([]);
    input.click();
  });
}

/** Resolves with handles for the chosen files (empty when cancelled). */
export async function pickFiles(client: Client, options: PickOptions = {}): Promise<FileHandle[]> {
  const { bridge } = client;
  if (isBrowserBridge(bridge)) {
    const files = await browserPick(options);
    return Promise.all(files.map((file) => bridge.upload(file)));
  }
  const result = await client.call('files.pickOpen', options);
  return result.files;
}

/** Handles for files dropped on the window. */
export async function droppedFiles(client: Client, files: FileList): Promise<FileHandle[]> {
  const { bridge } = client;
  if (isBrowserBridge(bridge)) return Promise.all([...files].map((file) => bridge.upload(file)));
  const pathFor = bridge.pathForFile?.bind(bridge);
  if (!pathFor) return [];
  return Promise.all(
    [...files].map((file) => client.call('files.fromPath', { path: pathFor(file) })),
  );
}

/**
 * A URL the page can load a file handle's bytes from (a proxy preview, a frame): the browser
 * shell serves staging handles over HTTP at `/files/<id>`; Electron serves them through its
 * privileged `media://files/<id>` scheme (main/app/protocol.ts), with byte ranges for seeking.
 */
export function fileUrlFor(bridge: Bridge, handleId: string): string {
  const id = encodeURIComponent(handleId);
  return isBrowserBridge(bridge) ? `/files/${id}` : `media://files/${id}`;
}

/** {@link fileUrlFor} on the client's transport. */
export function fileUrl(client: Client, handleId: string): string {
  return fileUrlFor(client.bridge, handleId);
}
