/**
 * The status bar at the bottom of every screen: the upload indicator (opens the uploads panel)
 * and the signed-in account with its credits.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useAccount } from '../account/queries';
import { formatRate } from './progress-format';
import { useQueue } from './queries';
import { summarizeQueue } from './queue-summary';
import { UploadsPanel } from './UploadsPanel';

export function StatusBar() {
  const queue = useQueue();
  const [open, setOpen] = useState(false);
  const summary = summarizeQueue(queue.data ?? []);
  const label = queue.isError ? 'Uploads unavailable' : summary.label;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      {open && (
        <div className="uploads-drawer panel" role="dialog" aria-label="Uploads">
          <button
            type="button"
            className="ghost drawer-close"
            aria-label="Close uploads"
            onClick={() => setOpen(false)}
          >
            ×
          </button>
          <UploadsPanel />
        </div>
      )}
      <footer className="status-bar">
        <button
          type="button"
          className="ghost status-uploads"
          aria-expanded={open}
          aria-label={`Uploads: ${label}`}
          data-testid="uploads-indicator"
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">⇪</span> {label}
          {summary.active > 0 && ` · ${formatRate(summary.rate)}`}
        </button>
      </footer>
    </>
  );
}

/** The account chip for the top bar: credits balance when signed in, else a sign-in link. */
export function AccountChip() {
  const account = useAccount();
  const me = account.data?.me;
  if (!account.data?.signedIn) {
    return (
      <Link to="/account" className="account-chip">
        Sign in
      </Link>
    );
  }
  return (
    <Link
      to="/account"
      className="account-chip"
      aria-label={
        me
          ? `${me.username}: ${String(me.balance)} credit${me.balance === 1 ? '' : 's'}`
          : 'Account'
      }
    >
      {me ? (
        <>
          <span>@{me.username}</span>
          <span className="credits-badge" data-testid="credits-balance">
            {me.balance} credit{me.balance === 1 ? '' : 's'}
          </span>
        </>
      ) : (
        'Account'
      )}
    </Link>
  );
}
