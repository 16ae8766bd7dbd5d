/**
 * Montage: add clips (and music), generate, then edit the strip of moments, choose how it
 * comes out, preview and render. Analysis runs in main (cached per file); edits are local
 * until the montage is previewed or rendered through the render pipeline.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FileHandle } from '../../../shared/contract/files.contract';
import type {
  ClipSummary,
  GenerateResult,
  MontageEditInput,
} from '../../../shared/contract/montage.contract';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { pickFiles } from '../../platform/files';
import { AUDIO_FILTER, ClipTray, VIDEO_FILTER } from './ClipTray';
import { MomentStrip } from './MomentStrip';
import { DEFAULT_OUTPUT, MontageOutput, type OutputSettings } from './MontageOutput';
import { useMontageRender } from './use-montage-render';
import {
  clipDurations,
  moveMoment,
  moveMomentTo,
  removeMoment,
  resizeMoment,
  swapMoment,
  totalSeconds,
  type MontageDraft,
} from '../../../shared/montage/moment-edits';
import { useMontageJob } from './use-montage-job';

export default function MontagePage() {
  const client = useClient();
  const toasts = useToasts();
  const [clips, setClips] = useState<FileHandle[]>([]);
  const [music, setMusic] = useState<FileHandle | null>(null);
  const [targetS, setTargetS] = useState(45);
  const [lengthS, setLengthS] = useState(4);
  const [summaries, setSummaries] = useState<ClipSummary[]>([]);
  const [beats, setBeats] = useState<GenerateResult['beats']>(null);
  const [draft, setDraft] = useState<MontageDraft | null>(null);
  const [output, setOutput] = useState<OutputSettings>(DEFAULT_OUTPUT);
  const [preview, setPreview] = useState<{ label: string; image: string | null } | null>(null);
  const render = useMontageRender();

  const frames = (draft?.moments ?? []).map((m) => ({ clipId: m.clipId, t: m.peakS }));
  const thumbs = useQuery({
    queryKey: ['montage.thumbnails', frames],
    queryFn: () => client.call('montage.thumbnails', { frames }),
    enabled: frames.length > 0,
    staleTime: Infinity,
  });
  const thumbnails = new Map<string, string>();
  (draft?.moments ?? []).forEach((m, i) => {
    const image = thumbs.data?.images[i];
    if (image) thumbnails.set(m.id, image);
  });

  const editOf = (d: MontageDraft): MontageEditInput => ({
    moments: d.moments,
    music: music ? { id: music.id } : undefined,
    audio: output.audio,
    brandKitId: output.brandKitId || undefined,
    intro: output.intro.trim() ? { text: output.intro.trim() } : undefined,
    outro: output.outro.trim() ? { text: output.outro.trim() } : undefined,
    preset: output.preset,
    focus: output.focus,
  });

  const showPreview = async (at: number | 'intro' | 'outro', label: string) => {
    if (!draft || draft.moments.length === 0) return;
    setPreview({ label, image: null });
    try {
      const result = await client.call('montage.preview', { edit: editOf(draft), at });
      setPreview({ label, image: result.image });
    } catch (error) {
      setPreview(null);
      toasts.show({ kind: 'error', message: (error as Error).message });
    }
  };

  const startRender = async (proxy: boolean) => {
    if (!draft) return;
    if (proxy) return render.start(editOf(draft));
    const picked = await client.call('files.pickSave', {
      suggestedName: 'montage.mp4',
      title: 'Render montage',
      filters: [{ name: 'MP4 video', extensions: ['mp4'] }],
    });
    if (picked.canceled || !picked.target) return;
    return render.start(editOf(draft), { id: picked.target.id });
  };

  const openOutput = async () => {
    const id = render.job?.outputFileId;
    if (!id) return;
    try {
      const shown = await client.call('files.reveal', { id });
      if (shown.action === 'download') window.open(shown.url, '_blank', 'noopener');
    } catch (error) {
      toasts.show({ kind: 'error', message: (error as Error).message });
    }
  };

  const job = useMontageJob((result) => {
    setSummaries(result.clips);
    setBeats(result.beats);
    setDraft({ moments: result.moments, alternates: result.alternates });
    const skipped = result.clips.filter((c) => c.status === 'skipped').length;
    if (skipped > 0)
      toasts.show({ kind: 'error', message: `${String(skipped)} clip(s) could not be used` });
  });

  const addClips = async () => {
    try {
      const picked = await pickFiles(client, {
        multiple: true,
        filters: VIDEO_FILTER,
        title: 'Add clips',
      });
      setClips((current) => [...current, ...picked]);
    } catch (error) {
      toasts.show({ kind: 'error', message: (error as Error).message });
    }
  };
  const pickMusic = async () => {
    try {
      const [picked] = await pickFiles(client, { filters: AUDIO_FILTER, title: 'Choose music' });
      if (picked) setMusic(picked);
    } catch (error) {
      toasts.show({ kind: 'error', message: (error as Error).message });
    }
  };

  const generate = () =>
    job.generate({
      clips: clips.map((c) => ({ id: c.id })),
      targetDurationS: targetS,
      music: music ? { id: music.id } : undefined,
      moments: {
        lengthS,
        minLengthS: Math.min(2, lengthS),
        maxLengthS: Math.max(lengthS * 1.5, lengthS + 1),
        leadInS: Math.min(1, lengthS / 3),
      },
    });

  const names = new Map(clips.map((c) => [c.id, c.name]));
  const durations = clipDurations(summaries);
  const edit = (change: (d: MontageDraft) => MontageDraft) => setDraft((d) => (d ? change(d) : d));

  return (
    <section className="page montage-page">
      <h1>Montage</h1>
      <ClipTray
        clips={clips}
        music={music}
        summaries={summaries}
        busy={job.isRunning}
        onAddClips={() => void addClips()}
        onRemoveClip={(id) => setClips((current) => current.filter((c) => c.id !== id))}
        onPickMusic={() => void pickMusic()}
        onClearMusic={() => setMusic(null)}
      />
      <div className="panel montage-controls">
        <label className="field">
          Montage length (s)
          <input
            type="number"
            min={5}
            max={600}
            value={targetS}
            onChange={(e) => setTargetS(Number(e.target.value) || 45)}
          />
        </label>
        <label className="field">
          Moment length (s)
          <input
            type="number"
            min={1}
            max={15}
            step={0.5}
            value={lengthS}
            onChange={(e) => setLengthS(Number(e.target.value) || 4)}
          />
        </label>
        {job.isRunning ? (
          <button type="button" onClick={job.cancel}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={clips.length === 0}
            onClick={generate}
          >
            {draft ? 'Generate again' : 'Generate'}
          </button>
        )}
        {job.progress && (
          <div
            className="progress"
            role="progressbar"
            aria-label="Analysis"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(job.progress.fraction * 100)}
          >
            <div
              className="progress-fill"
              style={{ width: `${String(job.progress.fraction * 100)}%` }}
            />
            <span className="small muted">
              {job.progress.phase} {job.progress.detail ?? ''}
            </span>
          </div>
        )}
        {job.error && job.error.message && (
          <p role="alert" className="bad small">
            {job.error.message}
          </p>
        )}
      </div>
      {draft && (
        <div className="panel">
          <div className="tray-head">
            <h2>Moments</h2>
            <span className="muted small" data-testid="montage-total">
              {draft.moments.length} moments · {totalSeconds(draft.moments).toFixed(1)} s
              {beats ? ` · ${beats.bpm.toFixed(0)} BPM` : ''}
            </span>
          </div>
          <p className="muted small" id="strip-help">
            Drag a card, or focus it and press Alt+← / Alt+→, to reorder; Enter previews it, Delete
            removes it.
          </p>
          {draft.moments.length === 0 ? (
            <p className="muted">No moments: add clips with some action in them.</p>
          ) : (
            <MomentStrip
              moments={draft.moments}
              clips={summaries}
              names={names}
              thumbnails={thumbnails}
              canSwap={draft.alternates.length > 0}
              actions={{
                move: (i, by) => edit((d) => moveMoment(d, i, by)),
                moveTo: (from, to) => edit((d) => moveMomentTo(d, from, to)),
                preview: (i) => {
                  const m = draft.moments[i];
                  const name = m ? (names.get(m.clipId) ?? 'clip') : 'clip';
                  void showPreview(i, `moment ${String(i + 1)} (${name})`);
                },
                resize: (i, delta) =>
                  edit((d) =>
                    resizeMoment(d, i, delta, durations.get(d.moments[i]?.clipId ?? '') ?? 0),
                  ),
                swap: (i) => edit((d) => swapMoment(d, i)),
                remove: (i) => edit((d) => removeMoment(d, i)),
              }}
            />
          )}
        </div>
      )}
      {draft && (
        <MontageOutput
          settings={output}
          onChange={setOutput}
          hasMusic={music !== null}
          canRender={draft.moments.length > 0 && !job.isRunning}
          render={render}
          onRender={(proxy) => void startRender(proxy)}
          onCancel={render.cancel}
          onOpenOutput={() => void openOutput()}
          onPreviewCard={(which) => void showPreview(which, `${which} card`)}
        />
      )}
      {preview && (
        <div className="panel montage-preview" aria-live="polite">
          <div className="tray-head">
            <h2>Preview: {preview.label}</h2>
            <button type="button" className="ghost" onClick={() => setPreview(null)}>
              Close preview
            </button>
          </div>
          {preview.image ? (
            <img src={preview.image} alt={`Preview of ${preview.label}`} />
          ) : (
            <p className="muted" role="status">
              Rendering a preview frame…
            </p>
          )}
        </div>
      )}
    </section>
  );
}
