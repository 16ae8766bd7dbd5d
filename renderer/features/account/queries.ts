/**
 * TanStack Query hooks for the account: server reachability, the session, credits and prices.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useCloud } from './cloud-context';

export const accountKeys = {
  server: ['cloud', 'server'] as const,
  account: ['cloud', 'account'] as const,
  credits: ['cloud', 'credits'] as const,
  prices: ['cloud', 'prices'] as const,
  /** Every creator profile (stats) lives under this key. */
  profiles: ['cloud', 'profile'] as const,
  profile: (userId: string) => ['cloud', 'profile', userId] as const,
  leaderboard: ['cloud', 'leaderboard'] as const,
};

/**
 * Whether the sync API answers; polled so the banner clears by itself when it comes back.
 *
 * When it comes back, the cloud queries that failed meanwhile (feed, profile, leaderboard,
 * credits) and the account (kept as "signed in, server away") are fetched again, so no screen
 * stays on its error until the user thinks of pressing Retry.
 */
export function useServerStatus() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      cloud.onServerChange((reachable) => {
        void queryClient.invalidateQueries({ queryKey: accountKeys.server });
        if (!reachable) return;
        void queryClient.invalidateQueries({
          queryKey: ['cloud'],
          predicate: (query) =>
            query.state.status === 'error' || query.queryKey[1] === accountKeys.account[1],
        });
      }),
    [cloud, queryClient],
  );
  return useQuery({
    queryKey: accountKeys.server,
    queryFn: () => cloud.serverStatus(),
    refetchInterval: 5000,
    retry: false,
  });
}

/** The session; refetched whenever main says it changed (sign-out after a refused refresh). */
export function useAccount() {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      cloud.onAccountChange(() => {
        void queryClient.invalidateQueries({ queryKey: ['cloud'] });
      }),
    [cloud, queryClient],
  );
  return useQuery({ queryKey: accountKeys.account, queryFn: () => cloud.account(), retry: false });
}

/** The credits ledger, newest first, one page per "Load more". */
export function useCredits(enabled: boolean) {
  const cloud = useCloud();
  return useInfiniteQuery({
    queryKey: accountKeys.credits,
    queryFn: ({ pageParam }) => cloud.credits(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** The cloud price list (credits per call); `enabled: false` when no step uses the cloud. */
export function usePrices(enabled = true) {
  const cloud = useCloud();
  return useQuery({
    queryKey: accountKeys.prices,
    queryFn: () => cloud.prices(),
    staleTime: 60_000,
    enabled,
  });
}
