/**
 * Imports a TTF/OTF for a brand kit: the platform's file picker, then `brandKits.importFont`,
 * which checks the file is a usable font (a clear error otherwise) and reads its family name.
 */
import { useMutation } from '@tanstack/react-query';
import type { BrandFontFile } from '../../../shared/contract/brand-kits.contract';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';

export function ImportFontButton(props: { onImported: (font: BrandFontFile) => void }) {
  const client = useClient();
  const importFont = useMutation({
    mutationFn: async () => {
      const [file] = await pickFiles(client, {
        title: 'Choose a font',
        filters: [{ name: 'Fonts', extensions: ['ttf', 'otf'] }],
      });
      if (!file) return null;
      return client.call('brandKits.importFont', { file: { id: file.id } });
    },
    onSuccess: (font) => {
      if (font) props.onImported(font);
    },
  });
  return (
    <div className="font-import">
      <button type="button" disabled={importFont.isPending} onClick={() => importFont.mutate()}>
        {importFont.isPending ? 'Importing…' : 'Import font (TTF/OTF)'}
      </button>
      {importFont.data && <span className="ok small">Imported {importFont.data.family}</span>}
      {importFont.error && (
        <p role="alert" className="bad small">
          {importFont.error.message}
        </p>
      )}
    </div>
  );
}
