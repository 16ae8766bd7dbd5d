/**
 * Publish a rendered project: pick it, fill title, description, visibility and whether the
 * prompt is shared; follow the upload through the sync queue (pause / resume / cancel); end
 * with the share link (copy, open).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCloud } from '../account/cloud-context';
import type { PublishableProject, QueueAction, QueueItem } from '../account/cloud-api';
import { describeCloudError } from '../account/cloud-errors';
import { useAccount } from '../account/queries';
import { EmptyState, ErrorState, Skeleton } from '../account/StateViews';
import { formatBytes, formatEta, formatRate } from '../uploads/progress-format';
import { QUEUE_KEY, useQueue, useQueueAction } from '../uploads/queries';
import { publishView } from './publish-status';

export default function PublishPage() {
  const { projectId } = useParams();
  const cloud = useCloud();
  const navigate = useNavigate();
  const account = useAccount();
  const projects = useQuery({
    queryKey: ['local', 'publishable'],
    queryFn: () => cloud.publishableProjects(),
  });
  const chosen = projects.data?.find((p) => p.id === projectId) ?? null;
  return (
    <section className="page publish-page">
      <h1>Publish</h1>
      {account.isSuccess && !account.data.signedIn && (
        <div className="panel">
          <p>
            <Link to="/account">Sign in</Link> to publish. Your projects stay on this machine until
            you do.
          </p>
        </div>
      )}
      {projects.isPending ? (
        <Skeleton label="Loading rendered projects" lines={3} />
      ) : projects.isError ? (
        <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
      ) : projects.data.length === 0 ? (
        <EmptyState title="No rendered projects">
          <p className="muted small">Render a project first; then it can be published here.</p>
        </EmptyState>
      ) : (
        <>
          <label className="field">
            Rendered project
            <select
              value={projectId ?? ''}
              onChange={(e) => void navigate(`/publish/${e.target.value}`)}
            >
              <option value="" disabled>
                Choose a project…
              </option>
              {projects.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          {chosen && (
            <PublishForm
              key={chosen.id}
              project={chosen}
              disabled={!(account.data?.signedIn ?? false)}
            />
          )}
        </>
      )}
    </section>
  );
}

function PublishForm({ project, disabled }: { project: PublishableProject; disabled: boolean }) {
  const cloud = useCloud();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(project.title.slice(0, 120));
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'unlisted'>('public');
  const [sharePrompt, setSharePrompt] = useState(true);
  const [publishId, setPublishId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () =>
      cloud.publish({
        projectId: project.id,
        title: title.trim(),
        description,
        visibility,
        sharePrompt,
      }),
    onSuccess: (item) => {
      setPublishId(item.id);
      void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
    },
  });
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    if (title.trim().length > 0) start.mutate();
  };
  if (publishId)
    return <PublishProgress publishId={publishId} onAgain={() => setPublishId(null)} />;
  return (
    <form className="panel stack" aria-label="Publish details" onSubmit={submit}>
      <label className="field">
        Title
        <input value={title} maxLength={120} required onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        Description
        <textarea
          value={description}
          maxLength={2000}
          rows={3}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <fieldset className="field">
        <legend>Visibility</legend>
        <label className="field checkbox">
          <input
            type="radio"
            name="visibility"
            checked={visibility === 'public'}
            onChange={() => setVisibility('public')}
          />
          Public: in the feed, on your profile and the leaderboard
        </label>
        <label className="field checkbox">
          <input
            type="radio"
            name="visibility"
            checked={visibility === 'unlisted'}
            onChange={() => setVisibility('unlisted')}
          />
          Unlisted: only people with the link
        </label>
      </fieldset>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={sharePrompt}
          onChange={(e) => setSharePrompt(e.target.checked)}
        />
        Share the prompt (others can Recreate from it)
      </label>
      {project.idea && sharePrompt && (
        <p className="muted small prompt-preview">Prompt: “{project.idea}”</p>
      )}
      {!sharePrompt && (
        <p className="muted small prompt-preview">
          The prompt stays private: Recreate from your video starts a blank project, still linked to
          yours.
        </p>
      )}
      <p className="muted small">
        Publishing costs no credits; the video counts towards your storage. It uploads in the
        background and resumes after a restart or a lost connection.
      </p>
      <button type="submit" className="primary" disabled={disabled || start.isPending}>
        {start.isPending ? 'Starting…' : 'Publish'}
      </button>
      {start.error && (
        <p role="alert" className="bad small">
          {describeCloudError(start.error).title}: {describeCloudError(start.error).detail}
        </p>
      )}
    </form>
  );
}

function PublishProgress({ publishId, onAgain }: { publishId: string; onAgain: () => void }) {
  const queue = useQueue();
  const action = useQueueAction();
  const item = queue.data?.find((i) => i.id === publishId);
  if (queue.isError) return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  if (!item) return <Skeleton label="Starting publish" lines={2} />;
  return (
    <PublishStatusView
      item={item}
      busy={action.isPending}
      onAction={(a) => action.mutate({ action: a, itemId: item.id })}
      onAgain={onAgain}
    />
  );
}

export function PublishStatusView(props: {
  item: QueueItem;
  onAction: (action: QueueAction) => void;
  busy: boolean;
  onAgain: () => void;
}) {
  const { item } = props;
  const view = publishView(item);
  const [copied, setCopied] = useState(false);
  if (view.phase === 'done' && view.shareUrl) {
    const url = view.shareUrl;
    return (
      <div className="panel stack publish-result" data-testid="publish-result">
        <h2>Published “{item.label}”</h2>
        <label className="field">
          Share link
          <input readOnly value={url} onFocus={(e) => e.target.select()} />
        </label>
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() =>
              void navigator.clipboard.writeText(url).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy link'}
          </button>
          <a className="button" href={url} target="_blank" rel="noreferrer noopener">
            Open in browser
          </a>
          <Link to="/feed">See it in the feed</Link>
        </div>
      </div>
    );
  }
  return (
    <div className="panel stack" data-testid="publish-progress">
      <h2>
        {view.title} <span className="muted small">{view.percent}%</span>
      </h2>
      <div
        className="progress"
        role="progressbar"
        aria-label="Publish progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
      >
        <div className="progress-fill" style={{ width: `${String(view.percent)}%` }} />
      </div>
      <p className="small muted">
        {formatBytes(item.bytesDone)} of {formatBytes(item.bytesTotal)} ·{' '}
        {formatRate(item.state === 'uploading' ? item.rate : 0)} · ETA{' '}
        {item.state === 'uploading' ? formatEta(item.etaSeconds) : '—'}
      </p>
      {item.lastError && (
        <p className="bad small" role="alert">
          {item.lastError}
        </p>
      )}
      <div className="row">
        {view.control && (
          <button
            type="button"
            onClick={() => props.onAction(view.control ?? 'pause')}
            disabled={props.busy}
          >
            {view.control === 'pause' ? 'Pause' : view.control === 'resume' ? 'Resume' : 'Retry'}
          </button>
        )}
        {view.canCancel && (
          <button type="button" onClick={() => props.onAction('cancel')} disabled={props.busy}>
            Cancel publish
          </button>
        )}
        {view.phase === 'cancelled' && (
          <button type="button" onClick={props.onAgain}>
            Start again
          </button>
        )}
      </div>
    </div>
  );
}
