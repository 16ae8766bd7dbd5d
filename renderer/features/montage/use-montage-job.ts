/**
 * Runs `montage.generate` as a TanStack mutation with its progress events and a cancel, keyed
 * by a job id chosen here so progress can be followed before the call returns.
 */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type {
  GenerateInput,
  GenerateResult,
  MontagePhase,
} from '../../../shared/contract/montage.contract';
import { useClient } from '../../platform/client-context';

export interface JobProgress {
  phase: MontagePhase;
  fraction: number;
  detail?: string;
}

export function useMontageJob(onDone: (result: GenerateResult) => void) {
  const client = useClient();
  const jobId = useRef<string | null>(null);
  const [progress, setProgress] = useState<JobProgress | null>(null);

  useEffect(
    () =>
      client.on('montage.progress', (p) => {
        if (p.jobId === jobId.current)
          setProgress({ phase: p.phase, fraction: p.fraction, detail: p.detail });
      }),
    [client],
  );

  const mutation = useMutation({
    mutationFn: (input: Omit<GenerateInput, 'jobId'>) => {
      const id = crypto.randomUUID();
      jobId.current = id;
      setProgress({ phase: 'analysing', fraction: 0 });
      return client.call('montage.generate', { ...input, jobId: id });
    },
    onSuccess: onDone,
    onSettled: () => {
      jobId.current = null;
      setProgress(null);
    },
  });

  const cancel = () => {
    if (jobId.current) void client.call('montage.cancel', { jobId: jobId.current });
  };

  return {
    generate: mutation.mutate,
    isRunning: mutation.isPending,
    error: mutation.error,
    progress,
    cancel,
  };
}
