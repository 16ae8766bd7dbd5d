/**
 * Renders a montage through `montage.render` and follows the render queue's job and progress
 * events; cancel goes to `render.cancel`, as for every other render.
 */
import { useEffect, useRef, useState } from 'react';
import type { MontageEditInput } from '../../../shared/contract/montage.contract';
import type { RenderJob, RenderProgress } from '../../../shared/contract/render.contract';
import { useClient } from '../../platform/client-context';

export function useMontageRender() {
  const client = useClient();
  const [job, setJob] = useState<RenderJob | null>(null);
  const [progress, setProgress] = useState<RenderProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const jobId = useRef<string | null>(null);

  useEffect(() => {
    const offJob = client.on('render.job', (j) => {
      if (j.id === jobId.current) setJob(j);
    });
    const offProgress = client.on('render.progress', (p) => {
      if (p.jobId === jobId.current) setProgress(p);
    });
    return () => {
      offJob();
      offProgress();
    };
  }, [client]);

  const start = async (edit: MontageEditInput, target?: { id: string }) => {
    setError(null);
    setProgress(null);
    setStarting(true);
    try {
      const result = await client.call('montage.render', { edit, target });
      jobId.current = result.job.id;
      // Events sent before the id was known are caught up by one read.
      setJob(await client.call('render.get', { id: result.job.id }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStarting(false);
    }
  };

  const cancel = () => {
    if (jobId.current) void client.call('render.cancel', { id: jobId.current });
  };

  const running = starting || job?.status === 'queued' || job?.status === 'running';
  return { job, progress, error, running, start, cancel };
}
