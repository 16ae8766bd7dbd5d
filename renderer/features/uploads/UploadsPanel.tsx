/**
 * The upload queue: each item's progress, speed, time left, state and last error, with
 * pause/resume/retry/cancel per item and for all.
 */
import { useToasts } from '../../app/toasts';
import type { QueueAction, QueueItem } from '../account/cloud-api';
import { describeCloudError } from '../account/cloud-errors';
import { EmptyState, ErrorState, Skeleton } from '../account/StateViews';
import { formatBytes, formatEta, formatRate, fractionDone } from './progress-format';
import { useQueue, useQueueAction } from './queries';
import { actionsFor, summarizeQueue } from './queue-summary';

const ACTION_LABEL: Record<QueueAction, string> = {
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Retry',
  cancel: 'Cancel',
};

export function UploadsPanel({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const queue = useQueue();
  const action = useQueueAction();
  const toasts = useToasts();
  const run = (a: QueueAction, itemId: string | null) =>
    action.mutate(
      { action: a, itemId },
      {
        onError: (error) =>
          toasts.show({ kind: 'error', message: describeCloudError(error).detail }),
      },
    );
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const items = queue.data ?? [];
  const summary = summarizeQueue(items);
  return (
    <div className="uploads-panel" data-testid="uploads-panel">
      <div className="page-head">
        <Heading>Uploads</Heading>
        <div className="row" role="group" aria-label="All uploads">
          <button type="button" onClick={() => run('pause', null)} disabled={summary.active === 0}>
            Pause all
          </button>
          <button type="button" onClick={() => run('resume', null)} disabled={summary.paused === 0}>
            Resume all
          </button>
          <button type="button" onClick={() => run('retry', null)} disabled={summary.failed === 0}>
            Retry all
          </button>
          <button
            type="button"
            onClick={() => run('cancel', null)}
            disabled={summary.active + summary.paused + summary.failed === 0}
          >
            Cancel all
          </button>
        </div>
      </div>
      {queue.isPending ? (
        <Skeleton label="Loading uploads" lines={3} />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing to upload">
          <p className="muted small">
            Published videos upload here, and keep going after a restart.
          </p>
        </EmptyState>
      ) : (
        <ul className="queue-list" aria-label="Upload queue">
          {items.map((item) => (
            <QueueRow key={item.id} item={item} onAction={(a) => run(a, item.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function QueueRow({ item, onAction }: { item: QueueItem; onAction: (a: QueueAction) => void }) {
  const fraction = fractionDone(item.bytesDone, item.bytesTotal);
  const percent = Math.round(fraction * 100);
  return (
    <li
      className={`queue-item state-${item.state}`}
      data-testid="queue-item"
      aria-label={item.label}
    >
      <div className="queue-line">
        <strong className="queue-label">{item.label}</strong>
        <span className={`chip chip-state-${item.state}`} data-testid="queue-state">
          {item.state}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${item.label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-fill" style={{ width: `${String(percent)}%` }} />
      </div>
      <div className="queue-line small muted">
        <span>
          {formatBytes(item.bytesDone)} of {formatBytes(item.bytesTotal)} ({percent}%)
        </span>
        <span>{formatRate(item.state === 'uploading' ? item.rate : 0)}</span>
        <span>ETA {item.state === 'uploading' ? formatEta(item.etaSeconds) : '—'}</span>
        {item.attempts > 1 && <span>attempt {item.attempts}</span>}
      </div>
      {item.lastError && (
        <p className="bad small" data-testid="queue-error">
          {item.permanent ? 'Failed: ' : 'Last error (will retry): '}
          {item.lastError}
        </p>
      )}
      <div className="row">
        {actionsFor(item.state).map((a) => (
          <button
            key={a}
            type="button"
            onClick={() => onAction(a)}
            aria-label={`${ACTION_LABEL[a]} ${item.label}`}
          >
            {ACTION_LABEL[a]}
          </button>
        ))}
      </div>
    </li>
  );
}

export default function UploadsPage() {
  return (
    <section className="page">
      <UploadsPanel headingLevel={1} />
    </section>
  );
}
