/**
 * The upload queue, kept fresh by main's progress events, and its per-item / all actions.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useCloud } from '../account/cloud-context';
import type { QueueAction } from '../account/cloud-api';

export const QUEUE_KEY = ['cloud', 'queue'] as const;

export function useQueue() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  useEffect(() => {
    let pending = false;
    return cloud.onQueueChange(() => {
      // Progress events arrive many times a second: refetch at most every 250 ms.
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
      }, 250);
    });
  }, [cloud, queryClient]);
  return useQuery({
    queryKey: QUEUE_KEY,
    queryFn: () => cloud.queue(),
    // Events drive updates; the slow poll only covers a missed event.
    refetchInterval: 5000,
  });
}

export function useQueueAction() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: { action: QueueAction; itemId: string | null }) =>
      cloud.queueAction(vars.action, vars.itemId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
  });
}
