/**
 * A banner while the sync server cannot be reached: what still works, and a retry.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCloud } from './cloud-context';
import { accountKeys, useServerStatus } from './queries';

export function ServerBanner() {
  const server = useServerStatus();
  const cloud = useCloud();
  const queryClient = useQueryClient();
  // "Check again" asks the server now (not only the last known state).
  const check = useMutation({
    mutationFn: () => cloud.checkServer(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.server }),
  });
  if (!server.data || server.data.reachable) return null;
  return (
    <div role="alert" className="banner banner-warn server-banner" data-testid="server-banner">
      <span>
        The sync server at <code>{server.data.url}</code> is unreachable. You are offline: projects,
        rendering and offline generation keep working; sign-in, the feed and publishing resume when
        it is back (uploads wait in the queue).
      </span>
      <button
        type="button"
        onClick={() => check.mutate()}
        disabled={check.isPending || server.isFetching}
      >
        {check.isPending ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
