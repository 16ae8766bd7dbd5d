/**
 * Generate variants of the brief, pick one, export every size with progress, download the files.
 * Variants are kept in the library: before anything is generated in this session the panel
 * shows the earlier ones, each exportable with the brief it was generated from. The picked
 * variant can be deleted (undo toast); the previous one is picked instead, if any.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type {
  AssetBrief,
  AssetPhase,
  AssetVariant,
  ExportAssetsResult,
} from '../../../shared/contract/assets.contract';
import type { ProviderKind } from '../../../shared/contract/settings.contract';
import { useClient } from '../../platform/client-context';
import { useVariantDeletes } from './use-variant-deletes';

interface Progress {
  phase: AssetPhase;
  done: number;
  total: number;
  detail?: string;
}

function useAssetJob() {
  const client = useClient();
  const jobId = useRef<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      client.on('assets.progress', (p) => {
        if (p.jobId === jobId.current) setProgress(p);
      }),
    [client],
  );
  const run = async <T,>(call: (id: string) => Promise<T>): Promise<T> => {
    const id = crypto.randomUUID();
    jobId.current = id;
    setProgress(null);
    try {
      return await call(id);
    } finally {
      jobId.current = null;
      setProgress(null);
    }
  };
  const cancel = () => {
    if (jobId.current) void client.call('assets.cancel', { jobId: jobId.current });
  };
  return { progress, run, cancel };
}

export function VariantsPanel(props: {
  brief: AssetBrief | null;
  brandKitId: string | null;
  provider: ProviderKind;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const job = useAssetJob();
  const saved = useQuery({
    queryKey: ['assetVariants'],
    queryFn: () => client.call('assets.variants', { limit: 12 }),
  });
  const [count, setCount] = useState(4);
  const [variants, setVariants] = useState<AssetVariant[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportAssetsResult | null>(null);
  const [busy, setBusy] = useState<'generate' | 'export' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const deletes = useVariantDeletes((id) => {
    setVariants((list) => list.filter((v) => v.id !== id));
    void queryClient.invalidateQueries({ queryKey: ['assetVariants'] });
  });

  const attempt = async (kind: 'generate' | 'export', work: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const generate = (brief: AssetBrief) =>
    attempt('generate', async () => {
      setExported(null);
      const result = await job.run((jobId) =>
        client.call('assets.generate', {
          jobId,
          brief,
          brandKitId: props.brandKitId,
          count,
          provider: props.provider,
        }),
      );
      setVariants(result.variants);
      setPicked(result.variants[0]?.id ?? null);
      await queryClient.invalidateQueries({ queryKey: ['assetVariants'] });
    });
  const exportAll = (brief: AssetBrief, variantId: string) =>
    attempt('export', async () => {
      setExported(
        await job.run((jobId) =>
          client.call('assets.export', { jobId, variantId, brief, brandKitId: props.brandKitId }),
        ),
      );
    });
  const download = async (fileId: string) => {
    const shown = await client.call('files.reveal', { id: fileId });
    if (shown.action === 'download') window.open(shown.url, '_blank');
  };

  const current = variants.filter((v) => !deletes.hidden.has(v.id));
  const earlier =
    variants.length === 0 ? (saved.data ?? []).filter((v) => !deletes.hidden.has(v.id)) : [];
  const pickedEarlier = earlier.find((v) => v.id === picked);
  const deletePicked = () => {
    const fromEarlier = current.length === 0;
    const list: AssetVariant[] = fromEarlier ? earlier : current;
    const at = list.findIndex((v) => v.id === picked);
    const gone = list[at];
    if (!gone) return;
    // Named by what does not shift when the grid renumbers: its index in its job, its subject.
    const label = `variant ${String(gone.index + 1)}${
      pickedEarlier ? ` of “${pickedEarlier.brief.subject}”` : ''
    }`;
    deletes.remove(gone.id, label, () => setPicked(gone.id));
    setPicked((list[at - 1] ?? list[at + 1] ?? null)?.id ?? null);
  };
  // An earlier variant is exported with the brief it was generated from.
  const brief = props.brief;
  const exportBrief = pickedEarlier?.brief ?? (variants.length > 0 ? brief : null);
  return (
    <section className="panel" aria-labelledby="variants-heading">
      <div className="tray-head">
        <h2 id="variants-heading">Variants</h2>
        <div className="row">
          <label className="inline-field">
            <span className="small muted">How many</span>
            <input
              type="number"
              aria-label="Number of variants"
              min={1}
              max={6}
              value={count}
              onChange={(e) => setCount(Math.min(6, Math.max(1, Number(e.target.value) || 1)))}
            />
          </label>
          {busy ? (
            <button type="button" onClick={job.cancel}>
              Cancel
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={!brief}
              onClick={() => brief && void generate(brief)}
            >
              Generate variants
            </button>
          )}
        </div>
      </div>
      {!brief && <p className="muted small">Chat with the coach until it has a brief.</p>}
      {job.progress && (
        <div
          className="progress"
          role="progressbar"
          aria-label={busy === 'export' ? 'Export progress' : 'Generation progress'}
          aria-valuemin={0}
          aria-valuemax={job.progress.total}
          aria-valuenow={job.progress.done}
        >
          <div
            className="progress-fill"
            style={{
              width: `${String((job.progress.done / Math.max(1, job.progress.total)) * 100)}%`,
            }}
          />
          <span className="small muted">
            {job.progress.phase} {job.progress.done}/{job.progress.total} {job.progress.detail}
          </span>
        </div>
      )}
      {error && (
        <p role="alert" className="bad small">
          {error}
        </p>
      )}
      {current.length > 0 && (
        <div className="variant-grid" role="radiogroup" aria-label="Variants">
          {current.map((v) => (
            <label key={v.id} className={`variant${v.id === picked ? ' selected' : ''}`}>
              <input
                type="radio"
                name="variant"
                aria-label={`Variant ${String(v.index + 1)}`}
                checked={v.id === picked}
                onChange={() => setPicked(v.id)}
              />
              <img src={v.previewDataUrl} alt={`Variant ${String(v.index + 1)}`} />
            </label>
          ))}
        </div>
      )}
      {earlier.length > 0 && (
        <>
          <h3 className="small muted">Earlier variants</h3>
          <div className="variant-grid" role="radiogroup" aria-label="Earlier variants">
            {earlier.map((v, i) => (
              <label
                key={v.id}
                className={`variant${v.id === picked ? ' selected' : ''}`}
                title={`${v.assetType}: ${v.brief.subject}`}
              >
                <input
                  type="radio"
                  name="variant"
                  aria-label={`Earlier variant ${String(i + 1)}`}
                  checked={v.id === picked}
                  onChange={() => setPicked(v.id)}
                />
                <img src={v.previewDataUrl} alt={`Earlier variant ${String(i + 1)}`} />
              </label>
            ))}
          </div>
        </>
      )}
      {deletes.hidden.size > 0 && current.length === 0 && earlier.length === 0 && (
        <p className="muted small" data-testid="no-variants">
          No variants left: generate new ones.
        </p>
      )}
      {exportBrief && picked && (
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() => void exportAll(exportBrief, picked)}
          >
            Export all sizes
          </button>
          <button type="button" disabled={busy !== null} onClick={deletePicked}>
            Delete variant
          </button>
        </div>
      )}
      {exported && (
        <div className="exported" data-testid="exported">
          <h3>Exported</h3>
          <ul>
            {exported.files.map((f) => (
              <li key={f.name} data-testid="exported-file">
                <code>{f.name}</code>{' '}
                <span className="small muted">
                  {f.width}×{f.height} · {f.format.toUpperCase()} · {Math.ceil(f.bytes / 1000)} KB
                  {f.transparent ? ' · transparent' : ''}
                </span>{' '}
                <button
                  type="button"
                  aria-label={`Download ${f.name}`}
                  onClick={() => void download(f.file.id)}
                >
                  Download
                </button>
              </li>
            ))}
          </ul>
          {exported.warnings.map((w) => (
            <p key={w} role="status" className="small warn">
              ⚠ {w}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
