/**
 * Follows one generation job: its state from `generate.job`, live stage/item progress from
 * `generate.progress`, and cancel/resume.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  GENERATION_STAGES,
  type GenerationProgress,
  type GenerationStage,
} from '../../../shared/contract/generate.contract';
import { useClient } from '../../platform/client-context';

export type StageState = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export interface StageView {
  stage: GenerationStage;
  state: StageState;
  item: { index: number; total: number } | null;
  message: string | null;
}

const initialStages = (): StageView[] =>
  GENERATION_STAGES.map((stage) => ({ stage, state: 'pending', item: null, message: null }));

export function applyProgress(stages: StageView[], p: GenerationProgress): StageView[] {
  return stages.map((view) => {
    if (view.stage !== p.stage) return view;
    const state: StageState =
      p.state === 'started' || p.state === 'item'
        ? 'running'
        : p.state === 'done'
          ? 'done'
          : p.state === 'skipped'
            ? 'skipped'
            : 'failed';
    return { ...view, state, item: p.item ?? view.item, message: p.message ?? view.message };
  });
}

export function useGeneration(jobId: string | null) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [stages, setStages] = useState<StageView[]>(initialStages);

  const job = useQuery({
    queryKey: ['generate.job', jobId],
    queryFn: () => client.call('generate.job', { jobId: jobId ?? '' }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 2000 : false),
  });

  // Seed the stage list from the job (after a reload, or when events were missed).
  const data = job.data;
  useEffect(() => {
    if (!data) return;
    setStages((current) =>
      current.map((view) => {
        if (data.completedStages.includes(view.stage)) return { ...view, state: 'done' };
        if (view.stage === data.stage) {
          if (data.state === 'running') return { ...view, state: 'running' };
          if (data.state === 'failed')
            return { ...view, state: 'failed', message: data.error?.message ?? view.message };
        }
        return view;
      }),
    );
  }, [data]);

  useEffect(() => {
    if (!jobId) return;
    setStages(initialStages());
    return client.on('generate.progress', (p) => {
      if (p.jobId !== jobId) return;
      setStages((current) => applyProgress(current, p));
      if (p.state === 'failed' || (p.stage === 'ready' && p.state === 'done')) {
        void queryClient.invalidateQueries({ queryKey: ['generate.job', jobId] });
      }
    });
  }, [client, jobId, queryClient]);

  return { job, stages };
}
