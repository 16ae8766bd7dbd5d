/**
 * Native open/save dialogs, "show in folder" and "open with the default app", behind the `NativeDialogs` interface.
 */
import type { BrowserWindow, Dialog, Shell } from 'electron';
import type { NativeDialogs } from '../files/files.service';

export function createNativeDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  shell: Pick<Shell, 'showItemInFolder' | 'openPath'>,
  parent: () => BrowserWindow | null,
): NativeDialogs {
  return {
    async pickOpen({ title, filters, multiple }) {
      const properties: ('openFile' | 'multiSelections')[] = multiple
        ? ['openFile', 'multiSelections']
        : ['openFile'];
      const options = { title, filters, properties };
      const window = parent();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async pickSave({ suggestedName, title, filters }) {
      const options = { title, filters, defaultPath: suggestedName };
      const window = parent();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    reveal(path) {
      shell.showItemInFolder(path);
    },
    async open(path) {
      // openPath resolves with an error message, or '' on success; it never rejects.
      const problem = await shell.openPath(path);
      if (problem) throw new Error(problem);
    },
  };
}
