/**
 * The credits ledger: charges, refunds and grants, newest first, paginated.
 */
import { CloudCost } from './CloudCost';
import { formatDelta, ledgerKind, videoGenerationCost } from './credits';
import { useCredits, usePrices } from './queries';
import { EmptyState, ErrorState, Skeleton } from './StateViews';

const ACTION_LABELS: Record<string, string> = {
  script: 'Script',
  image: 'Image',
  speech: 'Voice-over',
  transcription: 'Captions timing',
};

export function CreditsLedger() {
  const credits = useCredits(true);
  const prices = usePrices();
  const entries = credits.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="panel">
      <h2>Credits</h2>
      {prices.data && (
        <p className="muted small" data-testid="price-list">
          Cloud generation costs, per call:{' '}
          {Object.entries(prices.data)
            .map(([action, cost]) => `${ACTION_LABELS[action] ?? action} ${String(cost)}`)
            .join(' · ')}
          . Offline generation is free.
        </p>
      )}
      {prices.data && (
        <CloudCost
          what="A cloud-generated video with 8 scenes"
          cost={videoGenerationCost(prices.data, 8)}
        />
      )}
      {credits.isPending ? (
        <Skeleton label="Loading credits" lines={4} />
      ) : credits.isError ? (
        <ErrorState error={credits.error} onRetry={() => void credits.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="No credit activity yet" />
      ) : (
        <table className="ledger" aria-label="Credits ledger">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Change
              </th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const kind = ledgerKind(entry);
              return (
                <tr key={entry.id}>
                  <td>{new Date(entry.createdAt).toLocaleString()}</td>
                  <td>{entry.reason}</td>
                  <td>
                    <span className={`chip chip-${kind}`}>{kind}</span>
                  </td>
                  <td className={`num ${entry.delta < 0 ? 'bad' : 'ok'}`}>
                    {formatDelta(entry.delta)}
                  </td>
                  <td className="num">{entry.balanceAfter}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {credits.hasNextPage && (
        <button
          type="button"
          onClick={() => void credits.fetchNextPage()}
          disabled={credits.isFetchingNextPage}
        >
          {credits.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
