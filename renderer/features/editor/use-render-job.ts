/**
 * Follows one render job: its status from `render.job` events (and `render.get` once, in case
 * events were missed) and its live progress from `render.progress`.
 */
import { useEffect, useState } from 'react';
import type { RenderJob, RenderProgress } from '../../../shared/contract/render.contract';
import { useClient } from '../../platform/client-context';

export function useRenderJob(initial: RenderJob | null) {
  const client = useClient();
  const [job, setJob] = useState<RenderJob | null>(initial);
  const [progress, setProgress] = useState<RenderProgress | null>(null);
  const id = initial?.id ?? null;

  useEffect(() => {
    setJob(initial);
    setProgress(null);
    if (!id) return;
    const offJob = client.on('render.job', (j) => {
      if (j.id === id) setJob(j);
    });
    const offProgress = client.on('render.progress', (p) => {
      if (p.jobId === id) setProgress(p);
    });
    void client
      .call('render.get', { id })
      .then((j) => setJob((current) => (current && current.status !== 'queued' ? current : j)))
      .catch(() => undefined);
    return () => {
      offJob();
      offProgress();
    };
  }, [client, id, initial]);

  return { job, progress: progress ?? job?.progress ?? null };
}

export function isFinished(job: RenderJob | null): boolean {
  return job !== null && ['done', 'failed', 'cancelled'].includes(job.status);
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${String(Math.floor(s / 60))} min ${String(s % 60)} s` : `${String(s)} s`;
}
