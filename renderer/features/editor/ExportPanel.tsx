/**
 * Export: platform preset, hardware encoding, where to save; then a progress bar with percent,
 * speed and time left, cancel, and when done "Open" (the default player in Electron, a new tab
 * in the browser shell) plus "show in folder" (Electron) or a download link (browser shell). A render that took a while ends with an OS notification.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { RenderJob } from '../../../shared/contract/render.contract';
import { PRESET_IDS, PRESETS, type PresetId } from '../../../shared/presets';
import type { TimelineInput } from '../../../shared/timeline';
import { useToasts } from '../../app/toasts';
import { useClient } from '../../platform/client-context';
import { formatEta, isFinished, useRenderJob } from './use-render-job';

/** Renders longer than this end with an OS notification. */
const NOTIFY_AFTER_S = 20;

export function ExportPanel(props: {
  title: string;
  timeline: (preset: PresetId, hardware: boolean) => TimelineInput | null;
}) {
  const client = useClient();
  const toasts = useToasts();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => client.call('settings.get', {}),
  });
  const [preset, setPreset] = useState<PresetId>('tiktok');
  const [hardware, setHardware] = useState<boolean | null>(null);
  const [started, setStarted] = useState<RenderJob | null>(null);
  const [download, setDownload] = useState<string | null>(null);
  const { job, progress } = useRenderJob(started);
  const useHardware = hardware ?? settings.data?.hardwareEncoding ?? true;

  const start = async () => {
    setDownload(null);
    try {
      const timeline = props.timeline(preset, useHardware);
      if (!timeline) return;
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
        void Notification.requestPermission().catch(() => undefined);
      }
      const safe = props.title.replace(/[^\w -]+/g, '').trim() || 'video';
      const picked = await client.call('files.pickSave', {
        suggestedName: `${safe}-${preset}.mp4`,
        title: 'Export video',
        filters: [{ name: 'MP4 video', extensions: ['mp4'] }],
      });
      if (picked.canceled || !picked.target) return;
      setStarted(
        await client.call('render.start', { timeline, target: { id: picked.target.id }, preset }),
      );
    } catch (error) {
      toasts.show({
        kind: 'error',
        message: `Export failed: ${(error as Error).message}`,
        action: { label: 'Retry', run: () => void start() },
      });
    }
  };

  const notified = useRef<string | null>(null);
  useEffect(() => {
    if (job?.status !== 'done' || notified.current === job.id) return;
    notified.current = job.id;
    toasts.show({ kind: 'success', message: `Exported ${job.outputName}` });
    if (
      (job.seconds ?? 0) >= NOTIFY_AFTER_S &&
      typeof Notification !== 'undefined' &&
      Notification.permission === 'granted'
    ) {
      new Notification('Reelsmith: export finished', { body: job.outputName });
    }
  }, [job, toasts]);

  const reveal = async () => {
    if (!job?.outputFileId) return;
    try {
      const result = await client.call('files.reveal', { id: job.outputFileId });
      if (result.action === 'download') setDownload(result.url);
    } catch (error) {
      toasts.show({ kind: 'error', message: (error as Error).message });
    }
  };

  const open = async () => {
    if (!job?.outputFileId) return;
    try {
      const result = await client.call('files.open', { id: job.outputFileId });
      if (result.action !== 'url') return;
      // Not 'noopener': with it window.open always returns null and a blocked tab goes unseen.
      const tab = window.open(result.url, '_blank');
      if (tab) tab.opener = null;
      else {
        toasts.show({
          kind: 'error',
          message: 'The browser blocked the new tab; use Download instead.',
        });
      }
    } catch (error) {
      toasts.show({
        kind: 'error',
        message: (error as Error).message,
        action: { label: 'Retry', run: () => void open() },
      });
    }
  };

  const running = job !== null && !isFinished(job);
  const cancel = () => {
    if (job) void client.call('render.cancel', { id: job.id }).catch(() => undefined);
  };
  const percent = progress ? Math.round(progress.percent) : 0;
  return (
    <div className="panel export-panel">
      <h2>Export</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="export-preset">Preset</label>
          <select
            id="export-preset"
            value={preset}
            disabled={running}
            onChange={(e) => setPreset(e.target.value as PresetId)}
          >
            {PRESET_IDS.map((id) => (
              <option key={id} value={id}>
                {PRESETS[id].label}
              </option>
            ))}
          </select>
        </div>
        <div className="field checkbox">
          <input
            id="export-hw"
            type="checkbox"
            checked={useHardware}
            disabled={running}
            onChange={(e) => setHardware(e.target.checked)}
          />
          <label htmlFor="export-hw">Hardware encoding</label>
        </div>
      </div>
      <div className="row">
        {running ? (
          <button type="button" className="secondary" onClick={cancel}>
            Cancel export
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()}>
            Export video…
          </button>
        )}
      </div>
      {running && (
        <div className="export-progress" data-testid="export-progress">
          <progress aria-label="Export progress" value={percent} max={100} className="wide" />
          <span className="small">
            {percent}% · {progress?.speed ? `${progress.speed.toFixed(1)}× speed` : 'starting'} ·{' '}
            {formatEta(progress?.etaSeconds ?? null)} left
          </span>
        </div>
      )}
      {job?.status === 'done' && (
        <div className="export-done" role="status" data-testid="export-done">
          <p className="ok">
            Saved {job.outputName}
            {job.seconds !== null ? ` in ${job.seconds.toFixed(1)} s` : ''}
            {job.encoder ? ` (${job.encoder})` : ''}
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void open()}>
              Open
            </button>
            {download ? (
              <a className="button secondary" href={download} download={job.outputName}>
                Download {job.outputName}
              </a>
            ) : (
              <button type="button" className="secondary" onClick={() => void reveal()}>
                Show in folder
              </button>
            )}
          </div>
        </div>
      )}
      {job?.status === 'failed' && (
        <div role="alert" className="bad">
          <p>Export failed: {job.error?.message ?? 'unknown problem'}</p>
          <button
            type="button"
            onClick={() => void client.call('render.rerun', { id: job.id }).then(setStarted)}
          >
            Retry
          </button>
        </div>
      )}
      {job?.status === 'cancelled' && <p className="muted">Export cancelled.</p>}
    </div>
  );
}
