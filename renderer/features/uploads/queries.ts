/**
 * The upload queue, kept fresh by main's progress events, and its per-item / all actions.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useCloud } from '../account/cloud-context';
import type { QueueAction } from '../account/cloud-api';
import { accountKeys } from '../account/queries';
import { VIDEOS_KEY } from '../feed/queries';

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
  const query = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: () => cloud.queue(),
    // Events drive updates; the slow poll only covers a missed event.
    refetchInterval: 5000,
  });
  // An item finishing (e.g. after Retry in the panel, long after the screen that queued it)
  // changes what the server shows: my avatar and storage, my profile, my videos.
  const done = query.data?.filter((item) => item.state === 'done').length;
  const lastDone = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (done === undefined) return;
    const before = lastDone.current;
    lastDone.current = done;
    if (before === undefined || done <= before) return;
    for (const queryKey of [accountKeys.account, accountKeys.profiles, VIDEOS_KEY])
      void queryClient.invalidateQueries({ queryKey });
  }, [done, queryClient]);
  return query;
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
