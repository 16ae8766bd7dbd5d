/**
 * Brand kit editor: palette (primary, secondary, accent), extended colours with usage notes,
 * fonts (bundled families or imported TTF/OTF files), logos (primary, icon, wordmark) with a
 * default type, and tone of voice. Saves through `brandKits.create` / `brandKits.update`.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  BUNDLED_FONT_FAMILIES,
  LogoType,
  type BrandColor,
  type BrandFontFile,
  type BrandKit,
} from '../../../shared/contract/brand-kits.contract';
import { useClient } from '../../platform/client-context';
import { ImportFontButton } from './ImportFontButton';
import { LogoSlots } from './LogoSlots';

interface Draft {
  name: string;
  primary: string;
  secondary: string;
  accent: string;
  colors: BrandColor[];
  heading: string;
  body: string;
  imported: BrandFontFile[];
  logos: BrandKit['logos'];
  defaultLogoType: BrandKit['defaultLogoType'];
  toneNotes: string;
}

const EMPTY: Draft = {
  name: '',
  primary: '#6c5ce7',
  secondary: '#00b894',
  accent: '#fdcb6e',
  colors: [],
  heading: 'Noto Sans',
  body: 'Noto Sans',
  imported: [],
  logos: [],
  defaultLogoType: null,
  toneNotes: '',
};

function fromKit(kit: BrandKit): Draft {
  return {
    name: kit.name,
    primary: kit.palette.primary ?? EMPTY.primary,
    secondary: kit.palette.secondary ?? EMPTY.secondary,
    accent: kit.palette.accent ?? EMPTY.accent,
    colors: kit.colors,
    heading: kit.fonts.heading ?? 'Noto Sans',
    body: kit.fonts.body ?? 'Noto Sans',
    imported: kit.fonts.imported ?? [],
    logos: kit.logos,
    defaultLogoType: kit.defaultLogoType,
    toneNotes: kit.toneNotes,
  };
}

export function BrandKitEditor(props: {
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const kits = useQuery({
    queryKey: ['brandKits'],
    queryFn: () => client.call('brandKits.list', {}),
  });
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editingId, setEditingId] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: async () => {
      const fields = {
        name: draft.name.trim(),
        palette: { primary: draft.primary, secondary: draft.secondary, accent: draft.accent },
        colors: draft.colors,
        fonts: { heading: draft.heading, body: draft.body, imported: draft.imported },
        logos: draft.logos,
        defaultLogoType: draft.defaultLogoType,
        toneNotes: draft.toneNotes,
      };
      return editingId
        ? client.call('brandKits.update', { id: editingId, patch: fields })
        : client.call('brandKits.create', fields);
    },
    onSuccess: async (kit) => {
      setEditingId(kit.id);
      props.onSelect(kit.id);
      await queryClient.invalidateQueries({ queryKey: ['brandKits'] });
    },
  });

  const choose = (id: string) => {
    const kit = kits.data?.find((k) => k.id === id) ?? null;
    props.onSelect(kit?.id ?? null);
    setEditingId(kit?.id ?? null);
    setDraft(kit ? fromKit(kit) : EMPTY);
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setColor = (i: number, patch: Partial<BrandColor>) =>
    set(
      'colors',
      draft.colors.map((c, j) => (j === i ? { ...c, ...patch } : c)),
    );
  const families = [...BUNDLED_FONT_FAMILIES, ...draft.imported.map((f) => f.family)];

  return (
    <section className="panel assets-brand" aria-labelledby="brand-kit-heading">
      <div className="tray-head">
        <h2 id="brand-kit-heading">Brand kit</h2>
        <label className="inline-field">
          <span className="small muted">Kit</span>
          <select
            aria-label="Brand kit"
            value={props.selectedId ?? ''}
            onChange={(e) => choose(e.target.value)}
          >
            <option value="">New brand kit</option>
            {kits.data?.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        Kit name
        <input value={draft.name} maxLength={100} onChange={(e) => set('name', e.target.value)} />
      </label>
      <div className="palette-row">
        {(['primary', 'secondary', 'accent'] as const).map((role) => (
          <label key={role} className="swatch-field">
            <input
              type="color"
              aria-label={`${role[0]?.toUpperCase() ?? ''}${role.slice(1)} colour`}
              value={draft[role]}
              onChange={(e) => set(role, e.target.value)}
            />
            <span className="small">
              {role} <code>{draft[role]}</code>
            </span>
          </label>
        ))}
      </div>
      <fieldset className="extended">
        <legend className="small muted">Extended colours</legend>
        {draft.colors.map((c, i) => (
          <div className="row extended-row" key={i}>
            <input
              type="color"
              aria-label={`Extended colour ${String(i + 1)}`}
              value={c.hex}
              onChange={(e) => setColor(i, { hex: e.target.value })}
            />
            <input
              aria-label={`Extended colour ${String(i + 1)} name`}
              value={c.name}
              maxLength={50}
              onChange={(e) => setColor(i, { name: e.target.value })}
            />
            <input
              aria-label={`Extended colour ${String(i + 1)} usage`}
              placeholder="used for…"
              value={c.usage ?? ''}
              maxLength={200}
              onChange={(e) => setColor(i, { usage: e.target.value || undefined })}
            />
            <button
              type="button"
              aria-label={`Remove extended colour ${String(i + 1)}`}
              onClick={() =>
                set(
                  'colors',
                  draft.colors.filter((_, j) => j !== i),
                )
              }
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={draft.colors.length >= 32}
          onClick={() =>
            set('colors', [
              ...draft.colors,
              { name: `colour ${String(draft.colors.length + 1)}`, hex: '#ffffff' },
            ])
          }
        >
          Add colour
        </button>
      </fieldset>
      <div className="row">
        <label className="field">
          Heading font
          <select value={draft.heading} onChange={(e) => set('heading', e.target.value)}>
            {families.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Body font
          <select value={draft.body} onChange={(e) => set('body', e.target.value)}>
            {families.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Default logo
          <select
            value={draft.defaultLogoType ?? ''}
            onChange={(e) =>
              set('defaultLogoType', e.target.value === '' ? null : LogoType.parse(e.target.value))
            }
          >
            <option value="">None</option>
            <option value="primary">Primary</option>
            <option value="icon">Icon</option>
            <option value="wordmark">Wordmark</option>
          </select>
        </label>
      </div>
      <ImportFontButton
        onImported={(font) =>
          setDraft((d) => ({
            ...d,
            imported: [...d.imported.filter((f) => f.mediaId !== font.mediaId), font],
            heading: font.family,
          }))
        }
      />
      <LogoSlots
        logos={draft.logos}
        onChange={(logos) =>
          setDraft((d) => ({
            ...d,
            logos,
            defaultLogoType:
              d.defaultLogoType && logos.some((l) => l.type === d.defaultLogoType)
                ? d.defaultLogoType
                : (logos[0]?.type ?? null),
          }))
        }
      />
      <label className="field">
        Tone of voice
        <textarea
          rows={2}
          maxLength={2000}
          value={draft.toneNotes}
          placeholder="Hype but kind, no swearing…"
          onChange={(e) => set('toneNotes', e.target.value)}
        />
      </label>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={draft.name.trim() === '' || save.isPending}
          onClick={() => save.mutate()}
        >
          {editingId ? 'Save brand kit' : 'Create brand kit'}
        </button>
        {save.isSuccess && <span className="ok small">Saved</span>}
        {save.error && (
          <p role="alert" className="bad small">
            {save.error.message}
          </p>
        )}
      </div>
    </section>
  );
}
