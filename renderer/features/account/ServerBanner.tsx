/**
 * A banner while the sync server cannot be reached: what still works, and a retry.
 */
import { useServerStatus } from './queries';

export function ServerBanner() {
  const server = useServerStatus();
  if (!server.data || server.data.reachable) return null;
  return (
    <div role="alert" className="banner banner-warn server-banner" data-testid="server-banner">
      <span>
        The sync server at <code>{server.data.url}</code> is unreachable. You are offline: projects,
        rendering and offline generation keep working; sign-in, the feed and publishing resume when
        it is back (uploads wait in the queue).
      </span>
      <button type="button" onClick={() => void server.refetch()} disabled={server.isFetching}>
        Check again
      </button>
    </div>
  );
}
