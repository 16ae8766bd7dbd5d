/**
 * The loading, empty and error states every social screen shows.
 */
import { Link } from 'react-router';
import { describeCloudError } from './cloud-errors';

/** Grey placeholder blocks shaped like the content they stand for. */
export function Skeleton({ lines = 3, label }: { lines?: number; label: string }) {
  return (
    <div className="skeleton" role="status" aria-label={label} aria-busy="true">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={{ width: `${String(90 - i * 12)}%` }} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty social-empty">
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}

/** An error with what to do: retry, or sign in. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const view = describeCloudError(error);
  return (
    <div className="error-panel panel" role="alert">
      <p>
        <strong>{view.title}</strong>
      </p>
      <p className="small">{view.detail}</p>
      <div className="row">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {view.needsSignIn && <Link to="/account">Sign in</Link>}
      </div>
    </div>
  );
}
