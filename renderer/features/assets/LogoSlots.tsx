/**
 * The brand's three logos (primary, icon, wordmark): upload through the platform's file picker
 * (native dialog in Electron, the browser's file input in the browser shell), import into the
 * media store, show a preview; remove. The parent keeps the set and saves it with the kit.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { BrandKit } from '../../../shared/contract/brand-kits.contract';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';

export const LOGO_SLOTS = ['primary', 'icon', 'wordmark'] as const;
type Slot = (typeof LOGO_SLOTS)[number];
type Logos = BrandKit['logos'];

const LABEL: Record<Slot, string> = { primary: 'Primary', icon: 'Icon', wordmark: 'Wordmark' };

function LogoPreview(props: { mediaId: string; label: string }) {
  const client = useClient();
  const medium = useQuery({
    queryKey: ['media', props.mediaId],
    queryFn: () => client.call('media.get', { id: props.mediaId }),
  });
  if (!medium.data) return <span className="logo-preview empty small muted">…</span>;
  return <img className="logo-preview" src={medium.data.url} alt={`${props.label} logo`} />;
}

export function LogoSlots(props: { logos: Logos; onChange: (logos: Logos) => void }) {
  const client = useClient();
  const upload = useMutation({
    mutationFn: async (slot: Slot) => {
      const [file] = await pickFiles(client, {
        title: `Choose the ${slot} logo`,
        filters: [{ name: 'Pictures', extensions: ['png', 'jpg', 'jpeg', 'webp'] }],
      });
      if (!file) return null;
      const result = await client.call('media.import', { files: [{ id: file.id }] });
      const failure = result.failed[0];
      if (failure) throw new Error(`${failure.name}: ${failure.message}`);
      const media = result.imported[0]?.media;
      if (!media) return null;
      if (media.kind !== 'image')
        throw new Error(`${media.originalName} is a ${media.kind} file; a logo must be a picture.`);
      return { slot, mediaId: media.id };
    },
    onSuccess: (picked) => {
      if (!picked) return;
      props.onChange([
        ...props.logos.filter((l) => l.type !== picked.slot),
        { type: picked.slot, mediaId: picked.mediaId },
      ]);
    },
  });
  return (
    <fieldset className="logos">
      <legend className="small muted">Logos</legend>
      <div className="logo-row">
        {LOGO_SLOTS.map((slot) => {
          const logo = props.logos.find((l) => l.type === slot);
          return (
            <div key={slot} className="logo-slot" data-testid={`logo-${slot}`}>
              <span className="small">{LABEL[slot]}</span>
              {logo ? (
                <LogoPreview mediaId={logo.mediaId} label={LABEL[slot]} />
              ) : (
                <span className="logo-preview empty small muted">none</span>
              )}
              <div className="row">
                <button
                  type="button"
                  disabled={upload.isPending}
                  onClick={() => upload.mutate(slot)}
                >
                  {logo ? `Replace ${slot} logo` : `Upload ${slot} logo`}
                </button>
                {logo && (
                  <button
                    type="button"
                    aria-label={`Remove ${slot} logo`}
                    onClick={() => props.onChange(props.logos.filter((l) => l.type !== slot))}
                  >
                    ✕
                  </button>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {upload.error && (
        <p role="alert" className="bad small">
          {upload.error.message}
        </p>
      )}
    </fieldset>
  );
}
